import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { startDevCollector } from '@meridian/devtools';
import { createOtlpLogTransport, type OtlpLogTransportOptions } from '../src/index.js';
import { type FaultServer, type Reply, startFaultServer } from './helpers/fault-server.js';
import { makeEntry } from './helpers/records.js';

const CONFIG = loadConfig({});

function transportTo(t: import('node:test').TestContext, url: string, extra: Partial<OtlpLogTransportOptions> = {}) {
  const made = createOtlpLogTransport({
    config: CONFIG,
    endpoints: `${url}/v1/logs`,
    ...extra,
    transport: { batchDelayMs: 20, backoffBaseMs: 20, backoffMaxMs: 200, ...extra.transport },
  });
  t.after(() => made.transport.close());
  return made;
}

function seqs(logs: { attributes: Record<string, unknown> }[]): number[] {
  return logs.map((l) => l.attributes.seq as number).sort((x, y) => x - y);
}

/** ExportLogsServiceResponse { partial_success { rejected_log_records, error_message } } in protobuf, built by hand. */
function partialProto(rejected: number, message: string): Buffer {
  const msg = Buffer.from(message);
  const inner = Buffer.concat([Buffer.from([0x08, rejected, 0x12, msg.length]), msg]);
  return Buffer.concat([Buffer.from([0x0a, inner.length]), inner]);
}

test('a 503 storm with Retry-After, then a 429: nothing lost, nothing twice, every Retry-After waited out', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const plan = (n: number): Reply => {
    if (n < 3) return { kind: 'status', status: 503, headers: { 'retry-after': '1' } };
    if (n === 3) return { kind: 'status', status: 429, headers: { 'retry-after': '1' } };
    return { kind: 'forward' };
  };
  const server = await startFaultServer(collector.url, plan);
  t.after(() => server.close());
  const { transport } = transportTo(t, server.url);
  for (let i = 0; i < 300; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 20_000 });

  assert.deepEqual(
    seqs(collector.logs()),
    Array.from({ length: 300 }, (_, i) => i),
  );
  const stats = transport.getStats();
  assert.equal(stats.sent, 300);
  assert.equal(stats.droppedTotal, 0);
  for (let n = 1; n <= 4; n++) {
    const gap = server.seen[n]!.at - server.seen[n - 1]!.at;
    assert.ok(gap >= 950, `request ${n} came ${gap} ms after a Retry-After: 1 answer`);
  }
  assert.equal(server.seen.length, 5, 'one batch: 4 refused sends, 1 accepted');
});

test("400 is permanent: the batch is dropped at once, counted, and the collector's message is reported", async (t) => {
  // google.rpc.Status { code 1: 3 (INVALID_ARGUMENT), message 2 }, by hand
  const msg = Buffer.from('bad LogRecord at 17');
  const status = Buffer.concat([Buffer.from([0x08, 0x03, 0x12, msg.length]), msg]);
  const server = await startFaultServer(undefined, () => ({
    kind: 'status',
    status: 400,
    headers: { 'content-type': 'application/x-protobuf' },
    body: status,
  }));
  t.after(() => server.close());
  const { transport } = transportTo(t, server.url);
  for (let i = 0; i < 50; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 5_000 });
  const stats = transport.getStats();
  assert.equal(stats.dropped.permanent, 50);
  assert.equal(stats.sent, 0);
  assert.equal(server.seen.length, 1, 'not retried');
  assert.match(stats.lastError!.message, /^HTTP 400 from 127\.0\.0\.1:\d+: bad LogRecord at 17$/);
});

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  test(`partial success (${protocol}): rejected_log_records are counted as dropped, the rest as sent, nothing resent`, async (t) => {
    const body =
      protocol === 'http/json'
        ? JSON.stringify({ partialSuccess: { rejectedLogRecords: '7', errorMessage: 'attribute too long' } })
        : partialProto(7, 'attribute too long');
    const ctype = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
    const server: FaultServer = await startFaultServer(undefined, () => ({ kind: 'status', status: 200, headers: { 'content-type': ctype }, body }));
    t.after(() => server.close());
    const { transport, exporter } = transportTo(t, server.url, { protocol });
    for (let i = 0; i < 100; i++) transport.write(makeEntry(i));
    await transport.flush({ timeoutMs: 5_000 });
    const stats = transport.getStats();
    assert.equal(server.seen.length, 1);
    assert.equal(stats.sent, 93);
    assert.equal(stats.dropped.permanent, 7);
    assert.equal(stats.retried, 0);
    assert.equal(exporter.stats().rejectedByCollector, 7);
    assert.equal(exporter.stats().lastRejectMessage, 'attribute too long');
    assert.match(stats.lastError!.message, /rejected 7 of 100 log records: attribute too long/);
  });
}

test('500 is retried under backoff (charged), then delivered once', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const server = await startFaultServer(collector.url, (n) => (n < 2 ? { kind: 'status', status: 500 } : { kind: 'forward' }));
  t.after(() => server.close());
  const { transport } = transportTo(t, server.url);
  for (let i = 0; i < 20; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 5_000 });
  assert.deepEqual(
    seqs(collector.logs()),
    Array.from({ length: 20 }, (_, i) => i),
  );
  assert.equal(transport.getStats().retried, 40);
});
