// Issue 12: exported spans said trace flags 01 while the traceparent they sent said 03.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, propagation, ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { loadConfig } from '@meridian/config';
import { startTracing } from '../src/index.js';
import { RecordingExporter, spansOf, startReceiver } from './helpers.js';

const flagsOf = (traceparent: string | undefined): number => parseInt((traceparent ?? '').split('-')[3] ?? 'xx', 16);

function outgoing(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier.traceparent;
}

test('a trace we start: root and child export the flags their traceparent carries (03)', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter });
  const wire: Record<string, number> = {};
  tracing.tracer().startActiveSpan('root', (root) => {
    wire.root = flagsOf(outgoing(root));
    const child = tracing.tracer().startSpan('child');
    wire.child = flagsOf(outgoing(child));
    child.end();
    root.end();
  });
  await tracing.shutdown();
  assert.deepEqual(wire, { root: 0x03, child: 0x03 }, 'sampled + random trace id on the wire');
  const exported = Object.fromEntries(exporter.spans.map((s) => [s.name, s.spanContext().traceFlags]));
  assert.deepEqual(exported, wire, 'the exported spans say the same');
});

test('a continued trace keeps what the caller sent: 03 stays 03, 01 stays 01', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter });
  const seen: Record<string, number> = {};
  for (const incoming of ['03', '01']) {
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: `00-4bf92f3577b34da6a3ce929d0e0e473${incoming[1]}-00f067aa0ba902b7-${incoming}` });
    const span = tracing.tracer().startSpan(`from-${incoming}`, {}, parent);
    seen[`wire-${incoming}`] = flagsOf(outgoing(span));
    span.end();
  }
  await tracing.shutdown();
  const exported = Object.fromEntries(exporter.spans.map((s) => [s.name, s.spanContext().traceFlags]));
  assert.deepEqual(seen, { 'wire-03': 0x03, 'wire-01': 0x01 });
  assert.deepEqual(exported, { 'from-03': 0x03, 'from-01': 0x01 });
  assert.equal(exporter.spans[0]!.parentSpanContext?.traceFlags, 0x03, 'the remote parent context as extracted');
});

test('the OTLP request carries the wire flags in Span.flags', async () => {
  const rx = await startReceiver();
  try {
    const tracing = startTracing({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: rx.url }) });
    let wire = 0;
    tracing.tracer().startActiveSpan('op', (span) => {
      wire = flagsOf(outgoing(span));
      span.end();
    });
    await tracing.shutdown();
    const flags = spansOf(rx.received[0]!)[0]!.flags;
    assert.equal(wire, 0x03);
    assert.equal(flags & 0xff, wire, `Span.flags ${flags.toString(16)} low byte equals the traceparent flags`);
  } finally {
    await rx.close();
  }
});
