import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { type DevLogRecord, startDevCollector } from '@meridian/devtools';
import type { Level, LogEntry } from '@meridian/transport';
import { createOtlpLogTransport } from '../src/index.js';
import { entryOf, LEVELS, makeRecord, SEVERITY, spanIdOf, traceIdOf } from './helpers/records.js';

const N = 20_000;
/** Records of ~300 KB, and a few over 1 MB (the transport gives each its own batch past 1 MiB). */
const BIG_300K = new Set([1000, 5001, 9002, 13003, 17004]);
const BIG_1M = new Set([7000, 14000, 19999]);

function shapeOf(i: number): { level: Level; payload?: number; micros: boolean; noSpan: boolean } {
  const level = LEVELS[i % 6]!;
  const payload = BIG_300K.has(i) ? 300 * 1024 : BIG_1M.has(i) ? 1_100_000 : undefined;
  return { level, payload, micros: i % 5 === 0, noSpan: i % 7 === 3 };
}

function expectedNanos(timestamp: string): string {
  const ms = BigInt(Date.parse(timestamp));
  const frac = /\.(\d+)Z$/.exec(timestamp)![1]!;
  return (ms * 1_000_000n + BigInt(frac.slice(3).padEnd(6, '0'))).toString();
}

function checkRecord(got: DevLogRecord, i: number): void {
  const s = shapeOf(i);
  const rec = makeRecord(i, s);
  assert.equal(got.severityNumber, SEVERITY[s.level], `severity of #${i}`);
  assert.equal(got.severityText, s.level.toUpperCase());
  assert.equal(got.body, rec.message);
  assert.equal(got.timeUnixNano, expectedNanos(rec.timestamp as string), `time of #${i}`);
  assert.equal(got.observedTimeUnixNano, (BigInt(Date.parse(rec.timestamp as string)) * 1_000_000n).toString());
  if (s.noSpan) {
    assert.equal(got.traceId, undefined);
    assert.equal(got.spanId, undefined);
  } else {
    assert.equal(got.traceId, traceIdOf(i));
    assert.equal(got.spanId, spanIdOf(i));
  }
  const a = got.attributes;
  assert.equal(a.requestId, `req-${i}`);
  assert.equal(a.amount, 12.5 + i);
  assert.equal(a.captured, i % 3 === 0);
  assert.deepEqual(a.customer, { id: `c-${i}`, tier: 'gold', limits: { daily: 1000, currency: 'EUR' } });
  assert.deepEqual(a.items, ['sku-1', 2, true, { qty: 3 }]);
  for (const k of ['timestamp', 'level', 'message', 'service', 'trace_id', 'span_id', 'trace_flags', 'error']) {
    assert.equal(k in a, false, `#${i} must not carry ${k} as an attribute`);
  }
  if (s.level === 'error' || s.level === 'fatal') {
    assert.equal(a['exception.type'], 'CardDeclinedError');
    assert.equal(a['exception.message'], `declined ${i}`);
    assert.match(String(a['exception.stacktrace']), /^CardDeclinedError: declined \d+\n {4}at charge/);
    assert.equal(a['exception.code'], 'E_DECLINED');
  }
  if (s.payload !== undefined) assert.equal((a.payload as string).length, s.payload);
  else assert.equal('payload' in a, false);
  assert.equal(got.resource['service.name'], 'payments-api');
  assert.equal(got.resource['deployment.environment'], 'test');
  assert.equal(got.resource['service.version'], '1.2.3');
  assert.equal(got.scope.name, '@meridian/logger');
}

async function deliver(t: import('node:test').TestContext, protocol: 'http/protobuf' | 'http/json', compression: 'gzip' | 'none'): Promise<void> {
  const collector = await startDevCollector({ maxBodyBytes: 64 * 1024 * 1024 });
  t.after(() => collector.close());
  const config = loadConfig({
    OTEL_SERVICE_NAME: 'payments-api',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,service.version=1.2.3',
    OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: protocol,
    OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: compression,
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
  });
  const { transport, exporter } = createOtlpLogTransport({
    config,
    transport: { batchDelayMs: 20, queueMaxRecords: N, queueMaxBytes: 128 * 1024 * 1024, maxConcurrentExports: 1 },
  });
  t.after(() => transport.close());

  const entries: LogEntry[] = [];
  for (let i = 0; i < N; i++) entries.push(entryOf(makeRecord(i, shapeOf(i)), i));
  const started = performance.now();
  for (const e of entries) transport.write(e);
  await transport.flush({ timeoutMs: 60_000 });
  const ms = performance.now() - started;

  const stats = transport.getStats();
  assert.equal(stats.sent, N, `sent (dropped: ${JSON.stringify(stats.dropped)}, last error: ${stats.lastError?.message})`);
  assert.equal(stats.droppedTotal, 0);
  assert.equal(stats.retried, 0, 'no record sent twice when every request succeeds');
  const cs = collector.stats();
  assert.equal(cs.badRequests, 0);
  assert.equal(cs.logsReceived, N);
  assert.equal(protocol === 'http/json' ? cs.jsonRequests : cs.protobufRequests, cs.requests);
  assert.equal(cs.gzipRequests, compression === 'gzip' ? cs.requests : 0);
  assert.equal(exporter.stats().endpoints[0]!.requests, cs.requests);

  const logs = collector.logs();
  assert.equal(logs.length, N);
  // exactly once, and in order within each level lane (error/fatal are sent ahead of the rest)
  const seen = new Uint8Array(N);
  let lastNormal = -1;
  let lastUrgent = -1;
  for (const rec of logs) {
    const i = rec.attributes.seq as number;
    assert.equal(seen[i], 0, `#${i} arrived twice`);
    seen[i] = 1;
    const urgent = i % 6 >= 4;
    if (urgent) {
      assert.ok(i > lastUrgent, `error/fatal #${i} after #${lastUrgent}`);
      lastUrgent = i;
    } else {
      assert.ok(i > lastNormal, `#${i} after #${lastNormal}`);
      lastNormal = i;
    }
    checkRecord(rec, i);
  }
  t.diagnostic(`${protocol} ${compression}: ${N} records (${BIG_300K.size} × 300 KB, ${BIG_1M.size} × 1.1 MB) in ${cs.requests} requests, ${ms.toFixed(0)} ms`);
}

test('20,000 records incl. 300 KB and >1 MB ones arrive exactly once, in order, mapped: protobuf + gzip', async (t) => {
  await deliver(t, 'http/protobuf', 'gzip');
});

test('20,000 records incl. 300 KB and >1 MB ones arrive exactly once, in order, mapped: JSON, no compression', async (t) => {
  await deliver(t, 'http/json', 'none');
});
