// One-off cross-check (not part of the test suite: the stock packages are not dependencies of this
// package): encode the same record with @opentelemetry/otlp-transformer (what the stock
// @opentelemetry/exporter-logs-otlp-proto sends) and with encodeLogsProtobuf, compare the bytes, and
// decode both with @meridian/devtools. Uses the copy pnpm installed for @meridian/devtools' tests.
//   npx tsc -b packages/exporter-otlp && node packages/exporter-otlp/bench/cross-check-stock.mjs
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request } from 'node:http';
import { startDevCollector } from '@meridian/devtools';
import { encodeLogsProtobuf } from '../dist/src/index.js';

const pnpm = new URL('../../../node_modules/.pnpm/', import.meta.url);
const dir = readdirSync(pnpm).find((d) => d.startsWith('@opentelemetry+otlp-transformer@'));
if (dir === undefined) throw new Error('@opentelemetry/otlp-transformer is not installed in the workspace');
const require = createRequire(new URL(`${dir}/node_modules/@opentelemetry/otlp-transformer/`, pnpm));
const { ProtobufLogsSerializer } = require('@opentelemetry/otlp-transformer');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const ms = Date.UTC(2026, 10, 21, 5, 30, 0, 123);
const line = {
  timestamp: new Date(ms).toISOString(),
  level: 'error',
  message: 'charge failed',
  service: 'payments-api',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  trace_flags: '01',
  requestId: 'req-7',
  amount: 99.95,
  attempt: 3,
  captured: false,
  card: { brand: 'visa', limits: { daily: 1000 } },
  tags: ['a', 1, true],
  error: { type: 'CardDeclinedError', message: 'declined', stack: 'CardDeclinedError: declined\n    at charge (file:///app/pay.js:10:17)' },
};
const entry = { time: ms, level: 'error', levelValue: 50, line: JSON.stringify(line) };
const resource = { 'service.name': 'payments-api', 'deployment.environment': 'production' };

const stock = ProtobufLogsSerializer.serializeRequest([
  {
    hrTime: [Math.floor(ms / 1000), (ms % 1000) * 1e6],
    hrTimeObserved: [Math.floor(ms / 1000), (ms % 1000) * 1e6],
    spanContext: { traceId: line.trace_id, spanId: line.span_id, traceFlags: 1 },
    severityNumber: 17,
    severityText: 'ERROR',
    body: 'charge failed',
    attributes: {
      requestId: 'req-7',
      amount: 99.95,
      attempt: 3,
      captured: false,
      card: { brand: 'visa', limits: { daily: 1000 } },
      tags: ['a', 1, true],
      'exception.type': 'CardDeclinedError',
      'exception.message': 'declined',
      'exception.stacktrace': line.error.stack,
    },
    droppedAttributesCount: 0,
    resource: resourceFromAttributes(resource),
    instrumentationScope: { name: '@meridian/logger' },
  },
]);
const ours = encodeLogsProtobuf([entry], resource);
const same = Buffer.compare(Buffer.from(stock), Buffer.from(ours)) === 0;
console.log(`stock ${stock.length} bytes, ours ${ours.length} bytes: ${same ? 'byte-identical' : 'bytes differ'}`);
if (!same) {
  let i = 0;
  while (i < Math.min(stock.length, ours.length) && stock[i] === ours[i]) i++;
  console.log(
    `first difference at byte ${i}: stock …${Buffer.from(stock.subarray(i, i + 16)).toString('hex')} ours …${Buffer.from(ours.subarray(i, i + 16)).toString('hex')}`,
  );
}

const collector = await startDevCollector();
const post = (body) =>
  new Promise((resolve, reject) => {
    const req = request(`${collector.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
await post(stock);
await post(ours);
const [a, b] = collector.logs();
const norm = (r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
console.log(`decoded by @meridian/devtools: ${norm(a) === norm(b) ? 'identical records' : `DIFFERENT\n${norm(a)}\n${norm(b)}`}`);
await collector.close();

// Where the bytes differ: the field numbers of each message level, side by side.
const { fields } = await import('../dist/test/helpers/proto-scan.js');
const shape = (buf) => {
  const rl = fields(fields(buf)[0].bytes);
  const res = fields(rl.find((f) => f.field === 1).bytes);
  const sl = fields(rl.find((f) => f.field === 2).bytes);
  const lr = fields(sl.find((f) => f.field === 2).bytes);
  const show = (fs) => fs.map((f) => f.field + (f.varint !== undefined ? `=${f.varint}` : '')).join(',');
  return `ResourceLogs[${show(rl)}] Resource[${show(res)}] ScopeLogs[${show(sl)}] Scope[${show(fields(sl.find((f) => f.field === 1).bytes))}] LogRecord[${show(lr)}]`;
};
if (!same) console.log(`stock: ${shape(stock)}\nours:  ${shape(ours)}`);
