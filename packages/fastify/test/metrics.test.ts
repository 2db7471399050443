import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '@meridian/transport';
import { meridianFastify } from '../src/index.js';
import { collectingLogger, startTestTracing } from './helpers.js';

test('metrics: true serves GET /metrics (Prometheus text) with no span and no access-log line', async () => {
  const tracing = startTestTracing();
  const exporter: Exporter = { name: 'fastify_metrics', network: false, encode: (r) => r.map((e) => e.line).join('\n'), send: async () => ({ outcome: 'ok' }) };
  const transport = createTransport({ exporter, config: loadConfig({}).transport, metrics: true });
  const { logger, records } = collectingLogger();
  const app = Fastify();
  await app.register(meridianFastify, { logger, metrics: true });
  app.get('/hello', async () => 'hi');
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /meridian_transport_records_enqueued_total\{exporter="fastify_metrics"\} 0/);
    await (await fetch(`${base}/hello`)).text();
    const spans = await tracing.spans();
    assert.deepEqual(spans.map((s) => s.name), ['GET /hello']);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(records.filter((r) => r.status !== undefined).map((r) => r.path), ['/hello']);
  } finally {
    await app.close();
    await transport.close();
    await tracing.handle.shutdown();
  }
});
