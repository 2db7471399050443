import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/*
 * @meridian/testing depends on no @meridian package (so every package may use it without a cycle):
 * the helpers that need a logger or tracing take the factory as an argument.
 */

/** What `startTracing` of @meridian/tracing returns, as far as these helpers use it. */
export interface FlushableTracing {
  forceFlush(): Promise<unknown>;
}

export interface TestTracing<H extends FlushableTracing = FlushableTracing> {
  handle: H;
  exporter: InMemorySpanExporter;
  spans(): Promise<ReadableSpan[]>;
  reset(): Promise<void>;
}

/** The options `startTestTracing` passes to the tracing factory. */
export interface TestTracingOptions {
  exporter: InMemorySpanExporter;
  serviceName: string;
  sampler: 'always_on';
  propagators: ('tracecontext' | 'baggage')[];
}

/** Tracing as users get it (global provider + global propagator) with an in-memory exporter: `startTestTracing(startTracing)`. */
export function startTestTracing<H extends FlushableTracing>(start: (options: TestTracingOptions) => H): TestTracing<H> {
  const exporter = new InMemorySpanExporter();
  const handle = start({ exporter, serviceName: 'test', sampler: 'always_on', propagators: ['tracecontext', 'baggage'] });
  return {
    handle,
    exporter,
    async spans() {
      await handle.forceFlush();
      return exporter.getFinishedSpans().slice();
    },
    async reset() {
      await handle.forceFlush();
      exporter.reset();
    },
  };
}

/** A destination (the pipeline's Destination shape) parsing every record it receives into `records`. */
export interface CollectingDestination {
  readonly records: Record<string, unknown>[];
  write(entry: { readonly line: string }): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function collectingDestination(): CollectingDestination {
  const records: Record<string, unknown>[] = [];
  return {
    records,
    write(entry) {
      records.push(JSON.parse(entry.line) as Record<string, unknown>);
    },
    async flush() {},
    async close() {},
  };
}

/** The options `collectingLogger` passes to the logger factory. */
export interface CollectingLoggerOptions {
  destinations: CollectingDestination[];
  level: 'trace';
  flushOnExit: false;
  service: string;
}

/** A logger writing into an array of parsed records: `collectingLogger(createLogger)`. */
export function collectingLogger<L>(create: (options: CollectingLoggerOptions) => L): { logger: L; records: Record<string, unknown>[] } {
  const destination = collectingDestination();
  const logger = create({ destinations: [destination], level: 'trace', flushOnExit: false, service: 'test' });
  return { logger, records: destination.records };
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Wait until `check()` is true (access-log lines are written on `finish`, just after the client saw the response). */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
