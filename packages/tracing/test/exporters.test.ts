// OTEL_TRACES_EXPORTER=zipkin (Zipkin v2 JSON) and =console (one JSON line per span), issue 12.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { captureDiagnostics, loadConfig } from '@meridian/config';
import { startTracing } from '../src/index.js';
import { spansOf, startReceiver } from './helpers.js';

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  kind?: string;
  timestamp: number;
  duration: number;
  localEndpoint: { serviceName: string };
  tags: Record<string, string>;
  annotations?: { timestamp: number; value: string }[];
}

test('OTEL_TRACES_EXPORTER=zipkin POSTs Zipkin v2 JSON to OTEL_EXPORTER_ZIPKIN_ENDPOINT', async () => {
  const rx = await startReceiver(() => 202);
  try {
    const config = loadConfig({
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${rx.url}/api/v2/spans`,
      OTEL_SERVICE_NAME: 'checkout',
    });
    const tracing = startTracing({ config });
    const before = Date.now() * 1000;
    tracing
      .tracer()
      .startActiveSpan(
        'POST /v1/charges',
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.response.status_code': 502 } },
        (server) => {
          server.addEvent('retrying', { attempt: 2 });
          const client = tracing.tracer().startSpan('GET ledger', { kind: SpanKind.CLIENT }, trace.setSpan(context.active(), server));
          client.end();
          server.setStatus({ code: SpanStatusCode.ERROR, message: 'ledger unavailable' });
          server.end();
        },
      );
    await tracing.shutdown();

    assert.equal(rx.received.length, 1, 'one batch');
    const r = rx.received[0]!;
    assert.equal(r.path, '/api/v2/spans');
    assert.match(String(r.headers['content-type']), /^application\/json/);
    const spans = JSON.parse(r.text) as ZipkinSpan[];
    assert.equal(spans.length, 2);
    const server = spans.find((s) => s.kind === 'SERVER')!;
    const client = spans.find((s) => s.kind === 'CLIENT')!;
    assert.equal(server.name, 'POST /v1/charges');
    assert.equal(server.localEndpoint.serviceName, 'checkout');
    assert.match(server.traceId, /^[0-9a-f]{32}$/);
    assert.equal(client.traceId, server.traceId);
    assert.equal(client.parentId, server.id, 'the child points at its parent');
    assert.equal(server.parentId, undefined);
    assert.ok(server.timestamp >= before && server.timestamp <= Date.now() * 1000, 'timestamp in µs since the epoch');
    assert.ok(Number.isInteger(server.duration) && server.duration >= 0);
    assert.equal(server.tags['http.request.method'], 'POST');
    assert.equal(server.tags['http.response.status_code'], '502', 'tags are strings in Zipkin v2');
    assert.equal(server.tags['otel.status_code'], 'ERROR');
    assert.equal(server.tags['error'], 'ledger unavailable');
    assert.equal(server.annotations?.[0]?.value.startsWith('retrying'), true, 'events become annotations');
  } finally {
    await rx.close();
  }
});

test('OTEL_TRACES_EXPORTER=otlp,zipkin sends every span to both', async () => {
  const otlp = await startReceiver();
  const zipkin = await startReceiver();
  try {
    const config = loadConfig({
      OTEL_TRACES_EXPORTER: 'otlp,zipkin',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkin.url}/api/v2/spans`,
    });
    const tracing = startTracing({ config });
    tracing.tracer().startSpan('both').end();
    await tracing.shutdown();
    assert.equal(otlp.received[0]?.path, '/v1/traces');
    assert.equal(spansOf(otlp.received[0]!)[0]!.name, 'both');
    assert.equal((JSON.parse(zipkin.received[0]!.text) as ZipkinSpan[])[0]!.name, 'both');
  } finally {
    await otlp.close();
    await zipkin.close();
  }
});

test('OTEL_TRACES_EXPORTER=jaeger is reported with the way out (Jaeger takes OTLP) and ignored', () => {
  const { value, lines } = captureDiagnostics(() => loadConfig({ OTEL_TRACES_EXPORTER: 'jaeger,zipkin' }).tracing);
  assert.deepEqual(value.exporters, ['zipkin']);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /OTEL_TRACES_EXPORTER contains "jaeger".*receives OTLP directly.*4318/);
  assert.deepEqual(captureDiagnostics(() => loadConfig({ OTEL_TRACES_EXPORTER: 'jaeger' }).tracing.exporters).value, ['otlp'], 'nothing left: the default');
  assert.equal(loadConfig({}).tracing.zipkin.url, 'http://localhost:9411/api/v2/spans');
});

test('OTEL_TRACES_EXPORTER=console writes one JSON object per line per span, next to log lines', () => {
  const indexUrl = new URL('../src/index.js', import.meta.url).href;
  const script = `import { startTracing } from ${JSON.stringify(indexUrl)};
    const t = startTracing();
    process.stdout.write(JSON.stringify({ level: 'info', message: 'a log line' }) + '\\n');
    t.tracer().startActiveSpan('parent', { attributes: { 'multi.line': 'one\\ntwo', n: 3 } }, (p) => {
      p.addEvent('step', { ok: true });
      t.tracer().startSpan('child', { kind: 2 }).end();
      p.setStatus({ code: 2, message: 'boom' });
      p.end();
    });
    await t.shutdown();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
    cwd: new URL('..', import.meta.url),
    env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'console-svc' },
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 3, `three lines: the log line and two spans\n${r.stdout}`);
  const objects = lines.map((l) => JSON.parse(l) as Record<string, any>);
  const [log, child, parent] = objects;
  assert.equal(log!.message, 'a log line');
  assert.deepEqual(Object.keys(parent!), [
    'timestamp',
    'type',
    'service',
    'name',
    'trace_id',
    'span_id',
    'trace_flags',
    'kind',
    'duration_ms',
    'status',
    'attributes',
    'events',
    'scope',
  ]);
  assert.equal(parent!.type, 'span');
  assert.equal(parent!.service, 'console-svc');
  assert.match(parent!.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'UTC');
  assert.equal(parent!.trace_flags, '03', 'the flags the traceparent carries');
  assert.deepEqual(parent!.status, { code: 'error', message: 'boom' });
  assert.deepEqual(parent!.attributes, { 'multi.line': 'one\ntwo', n: 3 });
  assert.equal(parent!.events[0].name, 'step');
  assert.equal(child!.name, 'child');
  assert.equal(child!.kind, 'client');
  assert.equal(child!.parent_span_id, parent!.span_id);
  assert.equal(child!.trace_id, parent!.trace_id);
  assert.equal(typeof child!.duration_ms, 'number');
});

test('a console span JSON cannot hold is still one line, saying why', async () => {
  const { JsonLineSpanExporter } = await import('../src/internal/json-line-exporter.js');
  const { RecordingExporter } = await import('./helpers.js');
  const rec = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter: rec });
  tracing
    .tracer()
    .startSpan('ok', { attributes: { a: 1 } })
    .end();
  tracing.tracer().startSpan('odd').end();
  await tracing.shutdown();
  (rec.spans[1]!.attributes as Record<string, unknown>).big = 10n; // what a custom processor could do
  const written: string[] = [];
  let result: number | undefined;
  new JsonLineSpanExporter((t) => {
    written.push(t);
  }).export(rec.spans, (r) => {
    result = r.code;
  });
  assert.equal(result, 0, 'SUCCESS');
  assert.equal(written.length, 1, 'one write for the batch');
  const lines = written[0]!.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 2);
  assert.equal((JSON.parse(lines[0]!) as { name: string }).name, 'ok');
  const odd = JSON.parse(lines[1]!) as { name: string; error: string };
  assert.equal(odd.name, 'odd');
  assert.match(odd.error, /^span not printable: .*BigInt/);
});
