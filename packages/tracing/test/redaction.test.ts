import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanStatusCode } from '@opentelemetry/api';
import { loadConfig } from '@meridian/config';
import { RedactingSpanProcessor, startTracing } from '../src/index.js';
import { RecordingExporter } from './helpers.js';

const CARD = '4111 1111 1111 1111';

test('spans are redacted before export: name, attributes, url.full/url.query, events, exceptions, status', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter });
  tracing.tracer().startActiveSpan('lookup ana@example.com', (span) => {
    span.setAttributes({
      'url.full': 'https://bob:hunter2@api.example.com/pay?token=abc123&order=42',
      'url.query': 'token=abc123&order=42',
      'app.note': `card ${CARD} on file`,
      'app.order_id': 'ord-20261121-0042',
      'http.route': '/orders/:id',
      password: 'p4ss',
      'app.recipients': ['ana@example.com', 'team-a'],
      'app.count': 20261121,
    });
    span.addEvent('called +44 20 7946 0958', { 'app.detail': 'mail ana@example.com' });
    span.recordException(new Error(`declined ${CARD}`));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `card ${CARD} declined` });
    span.end();
  });
  await tracing.shutdown();
  assert.equal(exporter.spans.length, 1);
  const s = exporter.spans[0]!;
  const all = JSON.stringify({ name: s.name, attributes: s.attributes, events: s.events, status: s.status });
  for (const clear of ['ana@example.com', '4111', 'hunter2', 'abc123', 'p4ss', '7946'])
    assert.equal(all.includes(clear), false, `${clear} must not be exported`);
  assert.equal(s.name, 'lookup [REDACTED:email]');
  assert.equal(s.attributes['url.full'], 'https://REDACTED:REDACTED@api.example.com/pay?token=REDACTED&order=42');
  assert.equal(s.attributes['url.query'], 'token=REDACTED&order=42');
  assert.equal(s.attributes['app.note'], 'card [REDACTED:card] on file');
  assert.equal(s.attributes['app.order_id'], 'ord-20261121-0042', 'non-sensitive values untouched');
  assert.equal(s.attributes['http.route'], '/orders/:id');
  assert.match(String(s.attributes['password']), /REDACTED/);
  assert.deepEqual(s.attributes['app.recipients'], ['[REDACTED:email]', 'team-a'], 'string arrays are redacted item by item');
  assert.equal(s.attributes['app.count'], 20261121, 'numbers are not strings: left as they are');
  const exception = s.events.find((e) => e.name === 'exception')!;
  assert.equal(exception.attributes?.['exception.message'], 'declined [REDACTED:card]');
  assert.equal(s.status.message, 'card [REDACTED:card] declined');
});

test('MERIDIAN_REDACT=off leaves spans alone outside production, and is refused in production', async () => {
  const off = new RecordingExporter();
  let t = startTracing({ config: loadConfig({ MERIDIAN_REDACT: 'off' }), exporter: off });
  t.tracer().startSpan(`card ${CARD}`).end();
  await t.shutdown();
  assert.equal(off.spans[0]!.name, `card ${CARD}`);

  const prod = new RecordingExporter();
  t = startTracing({ config: loadConfig({ MERIDIAN_REDACT: 'off', NODE_ENV: 'production' }), exporter: prod, redaction: false });
  t.tracer().startSpan(`card ${CARD}`).end();
  await t.shutdown();
  assert.equal(prod.spans[0]!.name, 'card [REDACTED:card]');
});

test('without a usable redactor, spans are masked wholesale rather than exported in clear', async () => {
  const exporter = new RecordingExporter();
  const t = startTracing({ config: loadConfig({}), exporter, redaction: false, spanProcessors: [new RedactingSpanProcessor('mask-all')] });
  const span = t.tracer().startSpan(`card ${CARD}`, { attributes: { note: 'ana@example.com', n: 1 } });
  span.addEvent('called ana@example.com');
  span.end();
  await t.shutdown();
  const s = exporter.spans[0]!;
  assert.equal(s.name, '[REDACTED:error]');
  assert.deepEqual({ ...s.attributes }, { note: '[REDACTED:error]', n: '[REDACTED:error]' });
  assert.equal(s.events.length, 0);
});
