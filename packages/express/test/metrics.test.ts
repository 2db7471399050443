import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import express from 'express';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '@meridian/transport';
import { instrumentExpress } from '../src/index.js';
import { assertMetricsServed, close, collectingLogger, listen, startTestTracing } from './helpers.js';

test('metrics: true serves GET /metrics (Prometheus text) with no span and no access-log line', async () => {
  const tracing = startTestTracing();
  const exporter: Exporter = { name: 'express_metrics', network: false, encode: (r) => r.map((e) => e.line).join('\n'), send: async () => ({ outcome: 'ok' }) };
  const transport = createTransport({ exporter, config: loadConfig({}), metrics: true });
  const { logger, records } = collectingLogger();
  const app = express();
  instrumentExpress(app, { logger, metrics: true });
  app.get('/hello', (_req, res) => res.send('hi'));
  const server = createServer(app);
  const base = await listen(server);
  try {
    await assertMetricsServed(base, 'express_metrics', () => tracing.spans(), records);
  } finally {
    await close(server);
    await transport.close();
    await tracing.handle.shutdown();
  }
});

test('without metrics, /metrics is an ordinary (here: unknown) route', async () => {
  const app = express();
  const { logger } = collectingLogger();
  instrumentExpress(app, { logger, metrics: false });
  const server = createServer(app);
  const base = await listen(server);
  try {
    assert.equal((await fetch(`${base}/metrics`)).status, 404);
  } finally {
    await close(server);
  }
});
