import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { startDevCollector } from '@meridian/devtools';
import type { LogEntry } from '@meridian/transport';
import { createOtlpLogTransport } from '../src/index.js';

const T = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const entry = (fields: Record<string, unknown>, level: LogEntry['level'] = 'info'): LogEntry => ({
  time: T,
  level,
  levelValue: { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }[level],
  line: JSON.stringify({
    timestamp: new Date(T).toISOString(),
    level,
    service: 'shop',
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: '00f067aa0ba902b7',
    trace_flags: '01',
    ...fields,
  }),
});

/** An access line as @meridian/http's finish.ts writes it (fields in its order; request_id from the context). */
const ACCESS = {
  message: 'GET /products/42 200',
  request_id: 'req-1',
  method: 'GET',
  route: '/products/:id',
  path: '/products/42',
  status: 200,
  duration_ms: 3.25,
  bytes: 512,
  server_address: 'shop.example.com',
  user_agent: 'curl/8.5.0',
  client_address: '203.0.113.9',
};

async function send(protocol: 'http/protobuf' | 'http/json', entries: LogEntry[]) {
  const collector = await startDevCollector();
  try {
    const config = loadConfig({ OTEL_SERVICE_NAME: 'shop', OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    const { transport } = createOtlpLogTransport({ config, transport: { batchDelayMs: 5 } });
    for (const e of entries) transport.write(e);
    await transport.flush({ timeoutMs: 10_000 });
    await transport.close();
    return collector.logs();
  } finally {
    await collector.close();
  }
}

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  test(`${protocol}: the access line's attributes carry the HTTP semantic-convention names the server span has`, async () => {
    const [rec] = await send(protocol, [entry(ACCESS)]);
    assert.ok(rec);
    assert.deepEqual(rec.attributes, {
      request_id: 'req-1',
      'http.request.method': 'GET',
      'http.route': '/products/:id',
      'url.path': '/products/42',
      'http.response.status_code': 200,
      duration_ms: 3.25,
      'http.response.body.size': 512,
      'server.address': 'shop.example.com',
      'user_agent.original': 'curl/8.5.0',
      'client.address': '203.0.113.9',
    });
    assert.equal(rec.body, 'GET /products/42 200');
    assert.equal(rec.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  });
}

test('an unmatched route (route: null) sends no http.route; an aborted request sends meridian.http.aborted as the span does', async () => {
  const [rec] = await send('http/protobuf', [entry({ ...ACCESS, message: 'GET /nope 499', route: null, path: '/nope', status: 499, aborted: true }, 'warn')]);
  assert.ok(rec);
  assert.equal(rec.attributes['http.route'], undefined);
  assert.equal(rec.attributes.route, undefined);
  assert.equal(rec.attributes['http.response.status_code'], 499);
  assert.equal(rec.attributes['meridian.http.aborted'], true);
});

test('a record that only looks partly like an access line keeps its own field names', async () => {
  const logs = await send('http/protobuf', [
    entry({ message: 'account updated', status: 'active', method: 'card', path: '/srv/x' }),
    entry({ message: 'upstream answered', method: 'GET', status: 503, path: '/rates' }), // no duration_ms, no route
    entry({ message: 'retry', method: 'GET', status: 503, path: '/rates', duration_ms: 12, route: 7 }),
  ]);
  assert.deepEqual(
    logs.map((l) => Object.keys(l.attributes)),
    [
      ['status', 'method', 'path'],
      ['method', 'status', 'path'],
      ['method', 'status', 'path', 'duration_ms', 'route'],
    ],
  );
});
