import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { entry, sleep, until } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

describe('delivery', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());

  it('batches by count and by delay, gzip on by default, in order', async () => {
    sink.reset();
    // one send at a time: with 2 in flight the sink may store the second batch first
    const t = transportTo(sink, { batchMaxRecords: 100, batchDelayMs: 300, maxConcurrentExports: 1 });
    const t0 = Date.now();
    for (const i of range(250)) t.write(entry(i));
    await until(() => sink.accepted.length === 250, 5000, 'all records');
    assert.deepEqual(sink.requests.map((r) => r.records.length), [100, 100, 50]);
    const waited = sink.requests[2]!.at - t0;
    assert.ok(waited >= 290, `the 50-record remainder waited ${waited} ms for the 300 ms batch delay`);
    assert.ok(sink.requests.every((r) => r.encoding === 'gzip'));
    assert.deepEqual(sink.accepted.map((r) => r.i), range(250));
    // The sink stores a batch before its answer reaches the transport: wait for the acknowledgements.
    await t.flush();
    const s = t.getStats();
    assert.equal(s.sent, 250);
    assert.equal(s.queueRecords, 0);
    await t.close();
  });

  it('compression none sends plain NDJSON', async () => {
    sink.reset();
    const t = transportTo(sink, { compression: 'none' });
    t.write(entry(1));
    await t.flush();
    assert.equal(sink.requests[0]!.encoding, undefined);
    await t.close();
  });

  it('flush() waits for the acknowledgement (the sink delays its answer)', async () => {
    sink.accepted.length = 0;
    sink.answer = () => ({ status: 200, delayMs: 400 });
    const t = transportTo(sink, { batchDelayMs: 60_000 });
    for (const i of range(10)) t.write(entry(i));
    const started = Date.now();
    let acknowledgedAtResolve = -1;
    await t.flush().then(() => {
      acknowledgedAtResolve = t.getStats().sent;
    });
    assert.ok(Date.now() - started >= 380, `flush resolved after ${Date.now() - started} ms`);
    assert.equal(acknowledgedAtResolve, 10);
    assert.equal(sink.accepted.length, 10);
    sink.answer = () => ({ status: 200 });
    await t.close();
  });

  it('flush() does not wait for records written after the call', async () => {
    sink.answer = (r) => ({ status: 200, delayMs: r.records.some((x) => x.i === 999) ? 1500 : 0 });
    const t = transportTo(sink, { batchDelayMs: 60_000, maxConcurrentExports: 2 });
    t.write(entry(1));
    const f = t.flush();
    await new Promise((r) => setImmediate(r)); // the first batch is cut and in flight
    t.write(entry(999, 'error'));
    const started = Date.now();
    await f;
    assert.ok(Date.now() - started < 1200, 'resolved without waiting for the later record');
    sink.answer = () => ({ status: 200 });
    await t.close();
  });

  it('flush() with a timeout resolves at the deadline while the sink stalls', async () => {
    sink.answer = () => ({ status: 200, delayMs: 800 });
    const t = transportTo(sink, { exportTimeoutMs: 5000 });
    t.write(entry(1));
    const started = Date.now();
    await t.flush({ timeoutMs: 200 });
    const took = Date.now() - started;
    assert.ok(took >= 190 && took < 700, `took ${took} ms`);
    assert.equal(t.pending(), 1);
    sink.answer = () => ({ status: 200 });
    await t.close();
  });

  it('error and fatal bypass the batch delay; info rides along', async () => {
    sink.accepted.length = 0;
    const t = transportTo(sink, { batchDelayMs: 60_000 });
    t.write(entry(1, 'info'));
    await sleep(200);
    assert.equal(sink.accepted.length, 0, 'info waits for its batch');
    t.write(entry(2, 'error'));
    await until(() => sink.accepted.length === 2, 2000, 'error sent at once');
    assert.deepEqual(sink.accepted.map((r) => r.i), [2, 1], 'the urgent lane goes first');
    await t.close();
  });

  it('close() is idempotent, delivers what was queued, and counts later writes as closed', async () => {
    sink.accepted.length = 0;
    const t = transportTo(sink, { batchDelayMs: 60_000 });
    for (const i of range(5)) t.write(entry(i));
    const a = t.close();
    const b = t.close();
    assert.equal(a, b);
    await a;
    assert.equal(sink.accepted.length, 5);
    t.write(entry(6));
    const s = t.getStats();
    assert.equal(s.dropped.closed, 1);
    assert.equal(s.enqueued, 6);
  });
});
