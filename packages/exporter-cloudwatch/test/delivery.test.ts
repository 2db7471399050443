import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TRUNCATED_FIELD, TRUNCATION_MARKER } from '../src/index.js';
import { MAX_MESSAGE_BYTES } from '../src/internal/limits.js';
import { type FakeCloudWatch, startFakeCloudWatch } from './helpers/fake-cloudwatch.js';
import { entry, envFor, prng, rig } from './helpers/setup.js';

let server: FakeCloudWatch;
before(async () => {
  server = await startFakeCloudWatch();
});
after(() => server.stop());

const HOUR = 3_600_000;

test('20,000 records (300 KB ones, over-1 MB ones, non-ASCII) all arrive once, valid, in timestamp order', async () => {
  const { exporter, transport } = rig(envFor(server), {}, { queueMaxRecords: 100_000, queueMaxBytes: 512 * 1024 * 1024, batchMaxRecords: 10_000 });
  const rnd = prng(42);
  const now = Date.now();
  const lines = new Map<number, { time: number; line: string }>();
  const big = 'x'.repeat(300 * 1024);
  const huge = 'y'.repeat(1536 * 1024);
  const cjk = '支払い処理'.repeat(600); // 3,000 characters, 9,000 UTF-8 bytes
  for (let seq = 0; seq < 20_000; seq++) {
    // spread over 30 hours, written out of order: batches must be sorted and cut at 24 h
    const time = now - Math.floor(rnd() * 30 * HOUR);
    const message = seq % 500 === 7 ? big : seq % 7000 === 11 ? huge : seq % 100 === 3 ? cjk : `order ${seq} settled`;
    const e = entry(time, seq % 10 === 0 ? 'warn' : 'info', message, { seq, trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' });
    lines.set(seq, { time, line: e.line });
    transport.write(e);
  }
  await transport.flush({ timeoutMs: 60_000 });
  const stats = transport.getStats();
  await transport.close();

  assert.equal(server.invalidRequests, 0, 'no PutLogEvents was rejected as invalid');
  assert.equal(stats.droppedTotal, 0, `nothing dropped: ${JSON.stringify(stats.dropped)}`);
  assert.equal(stats.sent, 20_000);
  const stored = server.events('/meridian/app', 'payments-eu-central-1-i-0abc123');
  assert.equal(stored.length, 20_000, 'every record stored exactly once');
  const seen = new Set<number>();
  let truncated = 0;
  for (const ev of stored) {
    assert.ok(Buffer.byteLength(ev.message) <= MAX_MESSAGE_BYTES);
    const rec = JSON.parse(ev.message) as Record<string, unknown>;
    const seq = rec.seq as number;
    assert.ok(!seen.has(seq), `record ${seq} stored twice`);
    seen.add(seq);
    const orig = lines.get(seq)!;
    assert.equal(ev.timestamp, orig.time, `record ${seq} keeps its timestamp`);
    if (rec[TRUNCATED_FIELD] !== undefined) {
      truncated++;
      assert.equal(rec[TRUNCATED_FIELD], Buffer.byteLength(orig.line));
      assert.ok((rec.message as string).endsWith(TRUNCATION_MARKER));
      assert.ok((rec.message as string).startsWith('yyyy'));
      assert.equal(rec.trace_id, '4bf92f3577b34da6a3ce929d0e0e4736', 'small fields survive truncation');
    } else {
      assert.equal(ev.message, orig.line, `record ${seq} arrives unchanged`);
    }
  }
  assert.equal(truncated, 3, 'exactly the three records over 1 MB are truncated');
  assert.equal(exporter.stats().truncated, 3);
  assert.equal(server.calls.CreateLogGroup, 1, 'the group is created once');
  assert.equal(server.calls.CreateLogStream, 2, 'the stream: one attempt before the group existed, one after');
  // the stream reads back in the order of the records' timestamps
  const expected = [...lines.entries()].sort((a, b) => a[1].time - b[1].time || a[0] - b[0]).map(([, v]) => v.time);
  assert.deepEqual(
    stored.map((e) => e.timestamp),
    expected,
  );
});

test('non-ASCII batches over 1 MB of UTF-8 are re-split into valid puts (the transport counts UTF-16 units)', async () => {
  const { exporter, transport } = rig(envFor(server), { logStream: 'cjk' }, { queueMaxBytes: 64 * 1024 * 1024, batchMaxRecords: 10_000 });
  const now = Date.now();
  const text = '東京の決済'.repeat(600); // 3,000 UTF-16 units, 9,000 UTF-8 bytes
  for (let i = 0; i < 600; i++) transport.write(entry(now + i, 'info', text, { seq: i }));
  await transport.flush({ timeoutMs: 30_000 });
  const stats = transport.getStats();
  await transport.close();
  assert.equal(server.invalidRequests, 0);
  assert.equal(stats.droppedTotal, 0);
  const stored = server.events('/meridian/app', 'cjk');
  assert.deepEqual(
    stored.map((e) => JSON.parse(e.message).seq),
    Array.from({ length: 600 }, (_, i) => i),
  );
  assert.ok(exporter.stats().puts > stats.batchesSent, `${exporter.stats().puts} puts for ${stats.batchesSent} transport batches`);
});

test('a throttled put stops the rest of its batch; the batch is sent again whole, nothing lost or duplicated', async () => {
  const { exporter, transport } = rig(
    envFor(server),
    { logStream: 'stall', maxConcurrentPuts: 1 },
    { queueMaxBytes: 64 * 1024 * 1024, batchMaxRecords: 10_000 },
  );
  transport.write(entry(Date.now(), 'info', 'warm-up', { seq: -1 })); // creates the stream
  await transport.flush();
  const now = Date.now();
  const text = '香港の取引'.repeat(600);
  for (let i = 0; i < 250; i++) transport.write(entry(now + i, 'info', text, { seq: i }));
  const putsBefore = exporter.stats().puts;
  server.throttleNext = 1;
  await transport.flush({ timeoutMs: 30_000 });
  const stats = transport.getStats();
  await transport.close();
  assert.equal(server.throttleNext, 0);
  assert.equal(stats.droppedTotal, 0);
  assert.equal(stats.retried, 250, 'the whole batch was sent again');
  assert.equal(exporter.stats().puts - putsBefore, 4, 'one throttled put, then the three puts of the re-split batch');
  const seqs = server.events('/meridian/app', 'stall').map((e) => JSON.parse(e.message).seq);
  assert.deepEqual(seqs, [-1, ...Array.from({ length: 250 }, (_, i) => i)]);
});

test('a refused put inside a re-split batch fails only its own records (partial result)', async () => {
  const { exporter, transport } = rig(
    envFor(server),
    { logStream: 'partial', maxConcurrentPuts: 1 },
    { queueMaxBytes: 64 * 1024 * 1024, batchMaxRecords: 10_000 },
  );
  const now = Date.now();
  const text = '東京の決済'.repeat(600);
  for (let i = 0; i < 250; i++) transport.write(entry(now + i, 'info', i === 200 ? `POISON ${text}` : text, { seq: i }));
  server.poison = (m) => m.includes('POISON');
  try {
    await transport.flush({ timeoutMs: 30_000 });
  } finally {
    server.poison = undefined;
  }
  const stats = transport.getStats();
  await transport.close();
  const seqs = server.events('/meridian/app', 'partial').map((e) => JSON.parse(e.message).seq as number);
  assert.ok(exporter.stats().puts >= 3);
  assert.ok(seqs.length > 0 && !seqs.includes(200), 'the poisoned put is not stored');
  assert.ok(seqs.includes(0), 'the other puts are');
  assert.equal(stats.dropped.permanent, 250 - seqs.length, "exactly the refused put's records are dropped");
  assert.equal(stats.sent, seqs.length);
  assert.equal(stats.retried, 0);
  assert.equal(new Set(seqs).size, seqs.length);
});
