import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { prometheusHandler, registerOtelMetrics } from '../src/index.js';
import { entry } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

function get(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('self-metrics', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());

  it('getStats() counts enqueued, sent, retried, dropped by reason and export latency', async () => {
    sink.answer = (_r, n) => (n === 1 ? { status: 500 } : { status: 200 });
    const t = transportTo(sink, { queueMaxRecords: 5 });
    for (const i of range(7)) t.write(entry(i));
    await t.flush();
    const s = t.getStats();
    assert.equal(s.exporter, 'test');
    assert.equal(s.enqueued, 7);
    assert.equal(s.sent, 5);
    assert.equal(s.retried, 5);
    assert.equal(s.dropped.queue_full, 2);
    assert.equal(s.droppedTotal, 2);
    assert.equal(s.batchesFailed, 1);
    assert.equal(s.batchesSent, 1);
    assert.equal(s.exportLatency.count, 2);
    assert.match(s.lastError!.message, /HTTP 500/);
    sink.answer = () => ({ status: 200 });
    await t.close();
  });

  it('Prometheus text on a mounted http handler (MERIDIAN_METRICS=on)', async () => {
    const t = transportTo(sink, { metrics: true, queueMaxRecords: 3 });
    for (const i of range(4)) t.write(entry(i));
    await t.flush();
    const server = createServer(prometheusHandler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const res = await get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^meridian_transport_records_enqueued_total\{exporter="test"\} 4$/m);
    assert.match(res.body, /^meridian_transport_records_sent_total\{exporter="test"\} 3$/m);
    assert.match(res.body, /^meridian_transport_records_dropped_total\{exporter="test",reason="queue_full"\} 1$/m);
    assert.match(res.body, /^meridian_transport_queue_records\{exporter="test"\} 0$/m);
    assert.match(res.body, /^meridian_transport_export_duration_seconds_count\{exporter="test"\} 1$/m);
    assert.match(res.body, /^meridian_transport_export_duration_seconds_bucket\{exporter="test",le="\+Inf"\} 1$/m);
    await t.close();
    const closed = await get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    assert.doesNotMatch(closed.body, /exporter="test"/, 'a closed transport is no longer published');
    await new Promise((r) => server.close(r));
  });

  it('OpenTelemetry instruments on a MeterProvider', async () => {
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    const t = transportTo(sink, { queueMaxRecords: 3 });
    registerOtelMetrics(t, provider);
    for (const i of range(4)) t.write(entry(i));
    await t.flush();
    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    const find = (name: string) => all.find((m) => m.descriptor.name === name);
    const point = (name: string, attrs: Record<string, string>) =>
      find(name)?.dataPoints.find((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v))?.value;
    assert.equal(point('meridian.transport.records.enqueued', { exporter: 'test' }), 4);
    assert.equal(point('meridian.transport.records.sent', { exporter: 'test' }), 3);
    assert.equal(point('meridian.transport.records.dropped', { exporter: 'test', reason: 'queue_full' }), 1);
    assert.equal(point('meridian.transport.queue.records', { exporter: 'test' }), 0);
    const h = find('meridian.transport.export.duration') as HistogramMetricData;
    assert.equal(h.dataPointType, DataPointType.HISTOGRAM);
    assert.equal(h.dataPoints[0]!.value.count, 1);
    await t.close();
    await provider.shutdown();
  });
});
