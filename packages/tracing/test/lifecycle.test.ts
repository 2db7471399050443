import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { collectDiagnostics, loadConfig } from '@meridian/config';
import { addSpanProcessor, getTracing, startTracing } from '../src/index.js';
import { RecordingExporter } from './helpers.js';

const slowBatch = { scheduleDelayMs: 60_000 }; // nothing leaves the batch unless flushed

test('shutdown() flushes buffered spans, is idempotent and unregisters the handle', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter, batch: slowBatch });
  assert.equal(getTracing(), tracing);
  tracing.tracer().startSpan('a').end();
  tracing.tracer().startSpan('b').end();
  assert.equal(exporter.spans.length, 0, 'still in the batch');
  const p1 = tracing.shutdown();
  const p2 = tracing.shutdown();
  assert.equal(p1, p2, 'the same shutdown promise');
  await p1;
  assert.deepEqual(exporter.names().sort(), ['a', 'b']);
  assert.equal(getTracing(), undefined);
});

test('forceFlush() exports without stopping', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter, batch: slowBatch });
  tracing.tracer().startSpan('first').end();
  await tracing.forceFlush();
  assert.deepEqual(exporter.names(), ['first']);
  tracing.tracer().startSpan('second').end();
  await tracing.shutdown();
  assert.deepEqual(exporter.names(), ['first', 'second']);
});

test('a second startTracing() returns the running handle with one diagnostic', async () => {
  const diag = collectDiagnostics();
  try {
    const first = startTracing({ config: loadConfig({}), exporter: 'none' });
    const second = startTracing({ config: loadConfig({}), exporter: 'none' });
    const third = startTracing();
    assert.equal(second, first);
    assert.equal(third, first);
    assert.equal(diag.lines.length, 1);
    assert.match(diag.lines[0], /^meridian: MERIDIAN_ERR_TRACING_ALREADY_STARTED: startTracing\(\) was called again/);
    await first.shutdown();
  } finally {
    diag.stop();
  }
});

test('shutdown is bounded by the timeout when the exporter hangs, never rejects, one diagnostic', async (t) => {
  // Virtual time (node:test mock timers): the 300 ms deadline is checked at 299 and 300 virtual ms,
  // not measured on a wall clock. The SDK's own timers are virtual too, so none fires before 300.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const turns = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const hung: SpanExporter = {
    export: () => {
      /* never calls back */
    },
    shutdown: () =>
      new Promise<void>(() => {
        /* never settles */
      }),
    forceFlush: () =>
      new Promise<void>(() => {
        /* never settles */
      }),
  };
  const diag = collectDiagnostics();
  try {
    const tracing = startTracing({ config: loadConfig({}), exporter: hung, timeoutMs: 300, batch: { exportTimeoutMs: 1000 } });
    tracing.tracer().startSpan('stuck').end();
    let outcome: string | undefined;
    const done = tracing.shutdown().then((r) => {
      outcome = r;
    });
    await turns();
    t.mock.timers.tick(299);
    await turns();
    assert.equal(outcome, undefined, 'still waiting for the hung exporter at 299 ms');
    assert.equal(diag.lines.length, 0);
    t.mock.timers.tick(1);
    await done;
    assert.equal(outcome, 'timeout', 'resolved (not rejected) at the 300 ms deadline');
    assert.equal(diag.lines.length, 1);
    assert.match(diag.lines[0], /MERIDIAN_ERR_TRACING_SHUTDOWN: tracing shutdown did not finish within 300 ms/);
  } finally {
    diag.stop();
  }
});

test('an exporter whose shutdown rejects: shutdown() still resolves, with one diagnostic', async () => {
  const failing: SpanExporter = {
    export: (_spans: ReadableSpan[], cb: (r: ExportResult) => void) => cb({ code: ExportResultCode.SUCCESS }),
    shutdown: () => Promise.reject(new Error('collector gone')),
  };
  const diag = collectDiagnostics();
  try {
    const tracing = startTracing({ config: loadConfig({}), exporter: failing });
    await tracing.shutdown();
    assert.equal(diag.lines.length, 1);
    assert.match(diag.lines[0], /tracing shutdown failed: collector gone/);
  } finally {
    diag.stop();
  }
});

class Tagger implements SpanProcessor {
  constructor(
    private readonly key: string,
    private readonly order: string[],
  ) {}
  onStart(span: Span): void {
    span.setAttribute(this.key, true);
    this.order.push(`${this.key}:start`);
  }
  onEnd(): void {
    this.order.push(`${this.key}:end`);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    this.order.push(`${this.key}:shutdown`);
    return Promise.resolve();
  }
}

test('extra span processors: option, addSpanProcessor() before and after start, in order, before export', async () => {
  const order: string[] = [];
  const exporter = new RecordingExporter();
  addSpanProcessor(new Tagger('queued', order));
  const tracing = startTracing({ config: loadConfig({}), exporter, spanProcessors: [new Tagger('option', order)] });
  addSpanProcessor(new Tagger('late', order));
  tracing.tracer().startSpan('s').end();
  await tracing.shutdown();
  assert.deepEqual(order, [
    'option:start',
    'queued:start',
    'late:start',
    'option:end',
    'queued:end',
    'late:end',
    'option:shutdown',
    'queued:shutdown',
    'late:shutdown',
  ]);
  const attrs = exporter.spans[0]?.attributes;
  assert.deepEqual(attrs, { option: true, queued: true, late: true });
});

test('a throwing span processor never reaches the code that starts or ends spans', async () => {
  const exporter = new RecordingExporter();
  const bad: SpanProcessor = {
    onStart: () => {
      throw new Error('bad onStart');
    },
    onEnd: () => {
      throw new Error('bad onEnd');
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const tracing = startTracing({ config: loadConfig({}), exporter, spanProcessors: [bad] });
  assert.doesNotThrow(() => tracing.tracer().startSpan('ok').end());
  await tracing.shutdown();
  assert.deepEqual(exporter.names(), ['ok']);
});
