/**
 * Encoding cost per record: protobuf vs OTLP/JSON, against the NDJSON join the plain HTTP exporter does.
 *   npx tsc -b packages/exporter-otlp && node packages/exporter-otlp/dist/bench/encode.bench.js
 * BENCH_ROUNDS (default 7) rounds of BENCH_BATCHES (default 20) batches of 1,000 records; best round reported.
 */
import { gzipSync } from 'node:zlib';
import type { LogEntry } from '@meridian/transport';
import { encodeLogsJson, encodeLogsProtobuf } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

/** Payments-API-like records (~480 bytes), with random ids; every 50th an error with a stack. */
function batch(): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < 1000; i++) {
    const err = i % 50 === 0;
    const rec: Record<string, unknown> = {
      timestamp: new Date(Date.UTC(2026, 10, 21, 5, 0, 0, i)).toISOString(),
      level: err ? 'error' : 'info',
      message: err ? 'charge failed' : 'charge authorized',
      service: 'payments-api',
      trace_id: hex(32),
      span_id: hex(16),
      trace_flags: '01',
      requestId: `req-${hex(12)}`,
      method: 'POST',
      route: '/v1/charges',
      userAgent: 'checkout-web/4.2.1',
      customerId: `cus_${hex(14)}`,
      amount: 1299 + i,
      currency: 'EUR',
      captured: true,
      attempt: 1,
      latencyMs: 12.75,
      card: { brand: 'visa', last4: '4242', country: 'DE' },
    };
    if (err)
      rec.error = {
        type: 'CardDeclinedError',
        message: 'insufficient funds',
        stack: 'CardDeclinedError: insufficient funds\n    at charge (file:///app/src/pay.js:88:11)\n    at async handler (file:///app/src/routes.js:41:5)',
      };
    out.push({ time: Date.UTC(2026, 10, 21, 5, 0, 0, i), level: err ? 'error' : 'info', levelValue: err ? 50 : 30, line: JSON.stringify(rec) });
  }
  return out;
}

const batches = Array.from({ length: BATCHES }, batch);
const lineBytes = batches[0]!.reduce((n, e) => n + Buffer.byteLength(e.line) + 1, 0) / 1000;
const resource = { 'service.name': 'payments-api', 'deployment.environment': 'production', 'service.version': '4.2.1' };
const cases: [string, (b: LogEntry[]) => string | Uint8Array][] = [
  ['NDJSON join (baseline: createHttpNdjsonExporter)', (b) => b.map((e) => e.line).join('\n') + '\n'],
  ['OTLP protobuf (encodeLogsProtobuf)', (b) => encodeLogsProtobuf(b, resource)],
  ['OTLP/JSON (encodeLogsJson)', (b) => encodeLogsJson(b, resource)],
];

console.log(`node ${process.version}; ${BATCHES} batches × 1,000 records of ${lineBytes.toFixed(0)} B; best of ${ROUNDS} rounds`);
console.log('| encoding | µs/record | bytes/record | gzip level 3 bytes/record |');
console.log('|---|---|---|---|');
for (const [name, fn] of cases) {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (const b of batches) sink += fn(b).length;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / (BATCHES * 1000));
  }
  const body = fn(batches[0]!);
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  const gz = gzipSync(buf, { level: 3 }).length;
  console.log(`| ${name} | ${best.toFixed(2)} | ${(buf.length / 1000).toFixed(0)} | ${(gz / 1000).toFixed(0)} |${sink < 0 ? ' ' : ''}`);
}
