import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { entry, sleep } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

describe('bounded queue', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());
  const reset = (): void => sink.reset();

  it('overload at 10x capacity: memory bounded, every drop counted (sent + dropped = enqueued)', async () => {
    reset();
    // capacity: 2 concurrent requests x 100 records / 100 ms = 2,000 records/s; we offer 20,000/s
    sink.answer = () => ({ status: 200, delayMs: 100 });
    const t = transportTo(sink, { queueMaxRecords: 1000, batchMaxRecords: 100, maxConcurrentExports: 2, batchDelayMs: 10 });
    let maxHeld = 0;
    let maxBytes = 0;
    for (let burst = 0; burst < 20; burst++) {
      for (const i of range(500, burst * 500)) t.write(entry(i));
      const s = t.getStats();
      maxHeld = Math.max(maxHeld, s.queueRecords);
      maxBytes = Math.max(maxBytes, s.queueBytes);
      await sleep(25);
    }
    await t.flush({ timeoutMs: 20_000 });
    const s = t.getStats();
    assert.ok(maxHeld <= 1000, `held at most ${maxHeld} records`);
    assert.ok(maxBytes <= 1000 * 400, `held at most ${maxBytes} bytes`);
    assert.equal(s.enqueued, 10_000);
    assert.ok(s.dropped.queue_full > 5000, `dropped ${s.dropped.queue_full}`);
    assert.equal(s.sent + s.dropped.queue_full, s.enqueued);
    assert.equal(s.droppedTotal, s.dropped.queue_full);
    assert.equal(sink.accepted.length, s.sent);
    assert.equal(new Set(sink.acceptedIds()).size, s.sent, 'no duplicates');
    await t.close();
  });

  it('countLost: a record lost before write() (an item its exporter could not encode) counts as enqueued and dropped', async () => {
    reset();
    const t = transportTo(sink, {});
    t.write(entry(0));
    t.countLost('encode_error');
    t.countLost('encode_error', 2);
    t.countLost('encode_error', 0);
    t.write(entry(1));
    await t.flush();
    const s = t.getStats();
    assert.deepEqual(sink.acceptedIds(), [0, 1]);
    assert.equal(s.enqueued, 5);
    assert.equal(s.dropped.encode_error, 3);
    assert.equal(s.droppedTotal, 3);
    assert.equal(s.sent + s.droppedTotal, s.enqueued);
    await t.close();
  });

  it('drop_newest keeps the oldest records', async () => {
    reset();
    const t = transportTo(sink, { queueMaxRecords: 10, queueFullPolicy: 'drop_newest' });
    for (const i of range(20)) t.write(entry(i));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), range(10));
    assert.equal(t.getStats().dropped.queue_full, 10);
    await t.close();
  });

  it('drop_oldest keeps the newest records', async () => {
    reset();
    const t = transportTo(sink, { queueMaxRecords: 10, queueFullPolicy: 'drop_oldest' });
    for (const i of range(20)) t.write(entry(i));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), range(10, 10));
    assert.equal(t.getStats().dropped.queue_full, 10);
    await t.close();
  });

  it('the byte bound applies as well as the record bound', async () => {
    reset();
    const line = entry(0).line.length + 1;
    const t = transportTo(sink, { queueMaxRecords: 1000, queueMaxBytes: line * 5 + 10 });
    for (const i of range(8)) t.write(entry(i));
    assert.equal(t.getStats().queueRecords, 5);
    assert.ok(t.getStats().queueBytes <= line * 5 + 10);
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), range(5));
    await t.close();
  });

  it('a full queue makes room for error records by evicting the oldest info record', async () => {
    reset();
    const t = transportTo(sink, { queueMaxRecords: 10, queueFullPolicy: 'drop_newest', batchDelayMs: 60_000 });
    for (const i of range(10)) t.write(entry(i));
    t.write(entry(10, 'info'));
    t.write(entry(99, 'error'));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [...range(9, 1), 99]);
    assert.equal(t.getStats().dropped.queue_full, 2);
    await t.close();
  });
});
