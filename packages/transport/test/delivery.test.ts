import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { entry } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

/*
 * No wall-clock window here: the tests that are about time (the batch delay, a held answer, a flush
 * deadline) run on node:test's mock timers — setTimeout and Date are virtual, and time moves only
 * by tick() — while the loopback I/O stays real. The transport, the exporter and the sink all take
 * their timers from there, so "not before 300 ms" is checked at 299 virtual ms, not by sleeping.
 */
function virtualTime(t: TestContext): (ms: number) => void {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  return (ms) => t.mock.timers.tick(ms);
}

/** Let I/O and callbacks run until `cond()` holds; counts event-loop turns, never reads a clock. */
async function settle(cond: () => boolean, what: string, maxTurns = 2_000_000): Promise<void> {
  for (let i = 0; !cond(); i++) {
    if (i === maxTurns) throw new Error(`${what}: not reached after ${maxTurns} event-loop turns`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A few event-loop turns: whatever was already runnable has run (used before asserting that something did NOT happen). */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe('delivery', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());

  it('batches by count and by delay, gzip on by default, in order', async (t) => {
    const tick = virtualTime(t);
    sink.reset();
    // one send at a time: with 2 in flight the sink may store the second batch first
    const tr = transportTo(sink, { batchMaxRecords: 100, batchDelayMs: 300, maxConcurrentExports: 1 });
    for (const i of range(250)) tr.write(entry(i));
    // the two full batches go at once, without the clock moving; their acknowledgements come back
    await settle(() => tr.getStats().sent === 200, 'two full batches acknowledged');
    assert.deepEqual(
      sink.requests.map((r) => r.records.length),
      [100, 100],
    );
    tick(299);
    await turns();
    assert.equal(tr.getStats().inFlightRecords, 0, 'at 299 ms the 50-record remainder still waits for its batch delay');
    assert.equal(tr.pending(), 50);
    assert.equal(sink.requests.length, 2);
    tick(1);
    assert.equal(tr.getStats().inFlightRecords, 50, 'at 300 ms the remainder is cut and sent');
    await settle(() => tr.getStats().sent === 250, 'the remainder acknowledged');
    assert.deepEqual(
      sink.requests.map((r) => [r.records.length, r.at]),
      [
        [100, 0],
        [100, 0],
        [50, 300],
      ],
    );
    assert.ok(sink.requests.every((r) => r.encoding === 'gzip'));
    assert.deepEqual(
      sink.accepted.map((r) => r.i),
      range(250),
    );
    const s = tr.getStats();
    assert.equal(s.sent, 250);
    assert.equal(s.queueRecords, 0);
    await tr.close();
  });

  it('compression none sends plain NDJSON', async () => {
    sink.reset();
    const t = transportTo(sink, { compression: 'none' });
    t.write(entry(1));
    await t.flush();
    assert.equal(sink.requests[0]!.encoding, undefined);
    await t.close();
  });

  it('flush() waits for the acknowledgement (the sink holds its answer)', async (t) => {
    const tick = virtualTime(t);
    sink.reset();
    sink.answer = () => ({ status: 200, delayMs: 400 }); // held until virtual time reaches 400 ms
    const tr = transportTo(sink, { batchDelayMs: 60_000 });
    for (const i of range(10)) tr.write(entry(i));
    let acknowledgedAtResolve = -1;
    const flushed = tr.flush().then(() => {
      acknowledgedAtResolve = tr.getStats().sent;
    });
    await settle(() => sink.requests.length === 1, 'the batch reached the sink');
    await turns();
    assert.equal(acknowledgedAtResolve, -1, 'flush() is still waiting: the sink has the batch but has not answered');
    assert.equal(tr.getStats().sent, 0);
    tick(400);
    await flushed;
    assert.equal(acknowledgedAtResolve, 10, 'flush() resolved once the batch was acknowledged');
    assert.equal(sink.accepted.length, 10);
    await tr.close();
  });

  it('flush() does not wait for records written after the call', async (t) => {
    const tick = virtualTime(t);
    sink.reset();
    // the later record's answer is held (virtual time does not move); the first batch's is not
    sink.answer = (r) => ({ status: 200, delayMs: r.records.some((x) => x.i === 999) ? 1500 : 0 });
    const tr = transportTo(sink, { batchDelayMs: 60_000, maxConcurrentExports: 2 });
    tr.write(entry(1));
    const f = tr.flush();
    await new Promise((r) => setImmediate(r)); // the first batch is cut and in flight
    tr.write(entry(999, 'error'));
    await f; // would never resolve if flush() waited for record 999: its answer is held until tick(1500)
    assert.deepEqual(
      sink.accepted.map((r) => r.i),
      [1],
    );
    await settle(() => sink.requests.length === 2, 'record 999 reached the sink');
    assert.equal(tr.pending(), 1, 'record 999 is still unacknowledged when flush() resolved');
    tick(1500);
    await tr.close();
    assert.deepEqual(
      sink.accepted.map((r) => r.i),
      [1, 999],
    );
  });

  it('flush() with a timeout resolves at the deadline while the sink stalls', async (t) => {
    const tick = virtualTime(t);
    sink.reset();
    sink.answer = () => ({ status: 200, delayMs: 800 });
    const tr = transportTo(sink, { exportTimeoutMs: 5000 });
    tr.write(entry(1));
    let resolved = false;
    const flushed = tr.flush({ timeoutMs: 200 }).then(() => {
      resolved = true;
    });
    await settle(() => sink.requests.length === 1, 'the batch reached the stalled sink');
    tick(199);
    await turns();
    assert.equal(resolved, false, 'not before its 200 ms deadline');
    tick(1);
    await flushed;
    assert.equal(tr.pending(), 1, 'resolved at the deadline with the record still unacknowledged');
    tick(600); // the sink answers at 800 ms
    await tr.close();
    assert.equal(tr.getStats().sent, 1);
  });

  it('error and fatal bypass the batch delay; info rides along', async (t) => {
    virtualTime(t);
    sink.reset();
    const tr = transportTo(sink, { batchDelayMs: 60_000 });
    tr.write(entry(1, 'info'));
    await turns();
    assert.equal(tr.getStats().inFlightRecords, 0, 'info waits for its batch');
    assert.equal(sink.requests.length, 0);
    tr.write(entry(2, 'error'));
    // no virtual time passes: only the error can have triggered this send
    await settle(() => sink.accepted.length === 2, 'error sent at once');
    assert.deepEqual(
      sink.accepted.map((r) => r.i),
      [2, 1],
      'the urgent lane goes first',
    );
    await tr.close();
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
