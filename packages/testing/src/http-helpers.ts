import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type TracingHandle } from '@meridian/tracing';
import { createLogger, type Destination, type LogEntry, type Logger } from '@meridian/logger';

export interface TestTracing {
  handle: TracingHandle;
  exporter: InMemorySpanExporter;
  spans(): Promise<ReadableSpan[]>;
  reset(): Promise<void>;
}

/** Tracing as users get it (global provider + global propagator) with an in-memory exporter. */
export function startTestTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const handle = startTracing({ exporter, serviceName: 'test', sampler: 'always_on', propagators: ['tracecontext', 'baggage'] });
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

/** A logger writing into an array of parsed records. */
export function collectingLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const destination: Destination = {
    write(entry: LogEntry) {
      records.push(JSON.parse(entry.line) as Record<string, unknown>);
    },
    async flush() {},
    async close() {},
  };
  const logger = createLogger({ destinations: [destination], level: 'trace', flushOnExit: false, service: 'test' });
  return { logger, records };
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
