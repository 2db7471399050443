import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { prometheusHandler } from '@meridian/transport';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTracing } from '../src/index.js';
import { spansOf, startReceiver } from './helpers.js';

test('spans on the transport publish its self-metrics (MERIDIAN_METRICS=on): /metrics counts them under exporter "otlp-spans"', async () => {
  const rx = await startReceiver();
  try {
    const tracing = startTracing({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, MERIDIAN_METRICS: 'on' }) });
    for (let i = 0; i < 3; i++) tracing.tracer().startSpan(`counted ${i}`).end();
    assert.equal(await tracing.forceFlush(), 'done');
    // what GET /metrics answers (the handler the HTTP adapters mount)
    const metrics = createServer(prometheusHandler);
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    const text = await (await fetch(`http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`)).text();
    await new Promise<void>((r) => metrics.close(() => r()));
    assert.match(text, /meridian_transport_records_sent_total\{exporter="otlp-spans"\} 3/);
    assert.equal(spansOf(rx.received[0]!).length, 3);
    await tracing.shutdown();
  } finally {
    await rx.close();
  }
});
