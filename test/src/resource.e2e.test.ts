// Issue 12: a service's logs and traces must join by instance. Both now carry the process resource
// of @meridian/config (buildResourceAttributes); spans add only the SDK's own name and version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, SERVICE_INSTANCE_ID } from '@meridian/config';
import { startDevCollector } from '@meridian/devtools';
import { startTracing } from '@meridian/tracing';
import { createOtlpLogTransport } from '@meridian/exporter-otlp';

test('logs and spans of one process carry the same resource, service.instance.id included', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const config = loadConfig({
    OTEL_SERVICE_NAME: 'payments-api',
    OTEL_RESOURCE_ATTRIBUTES: 'service.version=4.2.1,service.namespace=shop,deployment.environment.name=test',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
  });
  const tracing = startTracing({ config });
  const { transport } = createOtlpLogTransport({ config, transport: { batchDelayMs: 10 } });
  t.after(() => transport.close());

  tracing.tracer().startSpan('charge').end();
  await tracing.shutdown();
  const time = Date.UTC(2026, 10, 21, 5, 30);
  transport.write({
    time,
    level: 'info',
    levelValue: 30,
    line: JSON.stringify({ timestamp: new Date(time).toISOString(), level: 'info', message: 'charged' }),
  });
  await transport.flush({ timeoutMs: 10_000 });

  const [span] = collector.spans();
  const [log] = collector.logs();
  assert.ok(span !== undefined && log !== undefined, 'one span and one log record arrived');
  const spanRes = span.resource;
  const logRes = log.resource;
  assert.equal(logRes['service.instance.id'], SERVICE_INSTANCE_ID);
  assert.match(String(logRes['service.instance.id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID v4');
  for (const [key, value] of Object.entries({
    'service.name': 'payments-api',
    'service.version': '4.2.1',
    'service.namespace': 'shop',
    'deployment.environment.name': 'test',
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    'telemetry.sdk.language': 'nodejs',
    'telemetry.distro.name': 'meridian',
  }))
    assert.equal(logRes[key], value, `logs: ${key}`);
  assert.equal(typeof logRes['host.name'], 'string');
  // every attribute of the logs' resource is on the spans' resource with the same value ...
  for (const key of Object.keys(logRes)) assert.deepEqual(spanRes[key], logRes[key], `spans: ${key}`);
  // ... and spans have only the SDK's self-description besides
  const extra = Object.keys(spanRes)
    .filter((k) => !(k in logRes))
    .sort();
  assert.deepEqual(extra, ['telemetry.sdk.name', 'telemetry.sdk.version']);
});

test('OTEL_RESOURCE_ATTRIBUTES can name the instance (e.g. a pod), for logs and spans alike', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const config = loadConfig({ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=checkout-7d9f-abcde', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
  const tracing = startTracing({ config, serviceName: 'checkout' });
  const { transport } = createOtlpLogTransport({ config, resource: { 'service.name': 'checkout' }, transport: { batchDelayMs: 10 } });
  t.after(() => transport.close());
  tracing.tracer().startSpan('op').end();
  await tracing.shutdown();
  transport.write({ time: Date.now(), level: 'warn', levelValue: 40, line: '{"message":"m"}' });
  await transport.flush({ timeoutMs: 10_000 });
  assert.equal(collector.spans()[0]!.resource['service.instance.id'], 'checkout-7d9f-abcde');
  assert.equal(collector.logs()[0]!.resource['service.instance.id'], 'checkout-7d9f-abcde');
  assert.equal(collector.spans()[0]!.resource['service.name'], 'checkout');
  assert.equal(collector.logs()[0]!.resource['service.name'], 'checkout');
});
