import { test } from 'node:test';
import Fastify from 'fastify';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '@meridian/transport';
import { meridianFastify } from '../src/index.js';
import { assertMetricsServed, collectingLogger, startTestTracing } from './helpers.js';

test('metrics: true serves GET /metrics (Prometheus text) with no span and no access-log line', async () => {
  const tracing = startTestTracing();
  const exporter: Exporter = { name: 'fastify_metrics', network: false, encode: (r) => r.map((e) => e.line).join('\n'), send: async () => ({ outcome: 'ok' }) };
  const transport = createTransport({ exporter, config: loadConfig({}), metrics: true });
  const { logger, records } = collectingLogger();
  const app = Fastify();
  await app.register(meridianFastify, { logger, metrics: true });
  app.get('/hello', async () => 'hi');
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await assertMetricsServed(base, 'fastify_metrics', () => tracing.spans(), records);
  } finally {
    await app.close();
    await transport.close();
    await tracing.handle.shutdown();
  }
});
