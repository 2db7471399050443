import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '@meridian/transport';
import { isMetricsRequest, serveMetrics } from '../src/index.js';

const req = (method: string, url: string) => ({ method, url }) as IncomingMessage;

test('isMetricsRequest: GET/HEAD /metrics only', () => {
  assert.equal(isMetricsRequest(req('GET', '/metrics')), true);
  assert.equal(isMetricsRequest(req('GET', '/metrics?x=1')), true);
  assert.equal(isMetricsRequest(req('HEAD', '/metrics')), true);
  assert.equal(isMetricsRequest(req('POST', '/metrics')), false);
  assert.equal(isMetricsRequest(req('GET', '/metricsx')), false);
  assert.equal(isMetricsRequest(req('GET', '/')), false);
});

test('serveMetrics answers with the Prometheus text of the publishing transports', async () => {
  const exporter: Exporter = { name: 'scrape_test', network: false, encode: (r) => r.map((e) => e.line).join('\n'), send: async () => ({ outcome: 'ok' }) };
  const transport = createTransport({ exporter, config: loadConfig({}), metrics: true, batchDelayMs: 1 });
  transport.write({ time: 1, level: 'info', levelValue: 30, line: '{"a":1}' });
  await transport.flush();
  const server = createServer((rq, rs) => serveMetrics(rq, rs)).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /meridian_transport_records_sent_total\{exporter="scrape_test"\} 1/);
  } finally {
    server.close();
    await transport.close();
  }
});
