import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { startTracing } from '../src/index.js';
import { attr, spansOf, startReceiver, type OtlpJson } from './helpers.js';

test('spans reach a local OTLP/HTTP receiver as protobuf (the default protocol of the specification) with the service resource, headers and span name', async () => {
  const rx = await startReceiver();
  try {
    const config = loadConfig({
      OTEL_SERVICE_NAME: 'checkout',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,team=payments',
      OTEL_EXPORTER_OTLP_ENDPOINT: rx.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret123',
    });
    const tracing = startTracing({ config });
    const span = tracing.tracer().startSpan('charge-card', { attributes: { 'order.id': 'o-42' } });
    span.end();
    await tracing.shutdown();

    assert.equal(rx.received.length, 1, 'one batch was posted');
    const r = rx.received[0];
    assert.equal(r.path, '/v1/traces');
    assert.equal(r.headers['content-type'], 'application/x-protobuf');
    assert.equal(r.headers['content-encoding'], 'gzip', 'Meridian gzips by default (OTEL_EXPORTER_OTLP_COMPRESSION unset)');
    assert.equal(r.headers['x-api-key'], 'secret123');
    const [s] = spansOf(r);
    assert.ok(s);
    const res = s.resource;
    assert.equal(res['service.name'], 'checkout');
    assert.equal(res['deployment.environment'], 'staging');
    assert.equal(res['team'], 'payments');
    assert.equal(Number(res['process.pid']), process.pid);
    assert.equal(res['process.runtime.name'], 'nodejs');
    assert.equal(res['process.runtime.version'], process.versions.node);
    assert.equal(typeof res['host.name'], 'string');
    assert.equal(res['telemetry.sdk.language'], 'nodejs');
    assert.equal(res['telemetry.sdk.name'], 'opentelemetry');
    assert.equal(s.name, 'charge-card');
    assert.equal(s.attributes['order.id'], 'o-42');
    assert.match(s.traceId, /^[0-9a-f]{32}$/);
  } finally {
    await rx.close();
  }
});

test('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json keeps the stock JSON exporter; compression none by default there', async () => {
  const rx = await startReceiver();
  try {
    const config = loadConfig({ OTEL_SERVICE_NAME: 'checkout', OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
    const tracing = startTracing({ config });
    tracing
      .tracer()
      .startSpan('as-json', { attributes: { 'order.id': 'o-43' } })
      .end();
    await tracing.shutdown();
    assert.equal(rx.received.length, 1);
    const r = rx.received[0];
    assert.match(String(r.headers['content-type']), /^application\/json/);
    assert.equal(r.headers['content-encoding'], undefined);
    const body = JSON.parse(r.text) as OtlpJson;
    const rs = body.resourceSpans[0];
    assert.equal(attr(rs.resource.attributes, 'service.name'), 'checkout');
    assert.equal(rs.scopeSpans[0].spans[0].name, 'as-json');
    assert.equal(attr(rs.scopeSpans[0].spans[0].attributes, 'order.id'), 'o-43');
  } finally {
    await rx.close();
  }
});

test('OTEL_EXPORTER_OTLP_COMPRESSION=gzip sends a gzip body; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is', async () => {
  const rx = await startReceiver();
  try {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${rx.url}/custom/path`,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    });
    const tracing = startTracing({ config, serviceName: 'from-code' });
    tracing.tracer().startSpan('zipped').end();
    await tracing.shutdown();
    assert.equal(rx.received.length, 1);
    assert.equal(rx.received[0].path, '/custom/path');
    assert.equal(rx.received[0].headers['content-encoding'], 'gzip');
    const [s] = spansOf(rx.received[0]);
    assert.equal(s?.resource['service.name'], 'from-code', 'code option wins over env');
    assert.equal(s?.name, 'zipped');
  } finally {
    await rx.close();
  }
});

test('OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=none sends an uncompressed protobuf body', async () => {
  const rx = await startReceiver();
  try {
    const tracing = startTracing({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'none' }) });
    tracing.tracer().startSpan('plain').end();
    await tracing.shutdown();
    assert.equal(rx.received[0]?.headers['content-encoding'], undefined);
    assert.equal(spansOf(rx.received[0]!)[0]?.name, 'plain');
  } finally {
    await rx.close();
  }
});

test('OTEL_BSP_SCHEDULE_DELAY: spans are exported on the schedule, without flush', async () => {
  const rx = await startReceiver();
  try {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, OTEL_BSP_SCHEDULE_DELAY: '50' });
    const tracing = startTracing({ config });
    tracing.tracer().startSpan('scheduled').end();
    const deadline = Date.now() + 3000;
    while (rx.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(rx.received.length, 1, 'exported by the batch timer');
    assert.equal(spansOf(rx.received[0])[0]?.name, 'scheduled');
    await tracing.shutdown();
  } finally {
    await rx.close();
  }
});
