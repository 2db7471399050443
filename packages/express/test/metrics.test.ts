import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '@meridian/transport';
import { instrumentExpress } from '../src/index.js';
import { close, collectingLogger, listen, startTestTracing } from './helpers.js';

test('metrics: true serves GET /metrics (Prometheus text) with no span and no access-log line', async () => {
  const tracing = startTestTracing();
  const exporter: Exporter = { name: 'express_metrics', network: false, encode: (r) => r.map((e) => e.line).join('\n'), send: async () => ({ outcome: 'ok' }) };
  const transport = createTransport({ exporter, config: loadConfig({}).transport, metrics: true });
  const { logger, records } = collectingLogger();
  const app = express();
  instrumentExpress(app, { logger, metrics: true });
  app.get('/hello', (_req, res) => res.send('hi'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /meridian_transport_records_enqueued_total\{exporter="express_metrics"\} 0/);
    await (await fetch(`${base}/hello`)).text();
    const spans = await tracing.spans();
    assert.deepEqual(spans.map((s) => s.name), ['GET /hello']);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(records.filter((r) => r.status !== undefined).map((r) => r.path), ['/hello']);
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
  const server = app.listen(0, '127.0.0.1');
  const base = await new Promise<string>((r) => server.once('listening', () => r(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
  try {
    assert.equal((await fetch(`${base}/metrics`)).status, 404);
  } finally {
    await close(server);
  }
  void listen;
});
