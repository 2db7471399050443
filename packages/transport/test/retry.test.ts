import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '../src/index.js';
import { entry, until } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

describe('retries', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());
  const reset = (): void => sink.reset();

  it('503 with Retry-After (seconds): waits as told, nothing lost', async () => {
    reset();
    sink.answer = (_r, n) => (n <= 2 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 });
    const t = transportTo(sink);
    for (const i of range(20)) t.write(entry(i));
    await t.flush({ timeoutMs: 10_000 });
    assert.deepEqual(sink.acceptedIds(), range(20));
    const gaps = sink.requests.slice(1).map((r, k) => r.at - sink.requests[k]!.at);
    assert.ok(gaps[0]! >= 950 && gaps[1]! >= 950, `gaps ${gaps.join(',')} ms honour Retry-After: 1`);
    const s = t.getStats();
    assert.equal(s.dropped.max_attempts, 0);
    assert.equal(s.retried, 40);
    await t.close();
  });

  it('429 with Retry-After as an HTTP date is honoured', async () => {
    reset();
    sink.answer = (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } } : { status: 200 });
    const t = transportTo(sink);
    t.write(entry(1));
    await t.flush({ timeoutMs: 10_000 });
    assert.equal(sink.requests.length, 2);
    const gap = sink.requests[1]!.at - sink.requests[0]!.at;
    assert.ok(gap >= 900, `gap ${gap} ms (HTTP-date has 1 s resolution)`);
    assert.deepEqual(sink.acceptedIds(), [1]);
    await t.close();
  });

  it('429 and 500 storms: backoff, nothing lost, no record dropped', async () => {
    reset();
    // 12 throttled answers (do not use attempts), then 5 server errors (use attempts; 5 < 8), then ok
    sink.answer = (_r, n) => (n <= 12 ? { status: 429 } : n <= 17 ? { status: 500 } : { status: 200 });
    const t = transportTo(sink, { batchMaxRecords: 50, maxAttempts: 8 });
    for (const i of range(200)) t.write(entry(i));
    await t.flush({ timeoutMs: 20_000 });
    assert.deepEqual(sink.acceptedIds(), range(200));
    const s = t.getStats();
    assert.equal(s.droppedTotal, 0);
    assert.equal(s.sent, 200);
    // the throttled phase probes one request at a time with growing (capped, jittered) waits
    const throttled = sink.requests.slice(0, 12);
    const span = throttled[11]!.at - throttled[0]!.at;
    assert.ok(span >= 300, `12 throttled tries spread over ${span} ms`);
    await t.close();
  });

  it('a send that outlives exportTimeoutMs is aborted and retried without using up attempts (at-least-once)', async () => {
    reset();
    sink.answer = (_r, n) => (n === 1 ? { status: 200, delayMs: 1000 } : { status: 200 });
    const t = transportTo(sink, { exportTimeoutMs: 200, maxAttempts: 1 });
    for (const i of range(5)) t.write(entry(i));
    await t.flush({ timeoutMs: 5000 });
    const s = t.getStats();
    assert.equal(s.sent, 5);
    assert.equal(s.retried, 5);
    assert.equal(s.droppedTotal, 0, 'a timeout is "unavailable": not charged even with maxAttempts 1');
    assert.match(s.lastError!.message, /abort|timed out/i);
    await until(() => sink.accepted.length === 10, 3000, 'the slow first answer to land too');
    assert.deepEqual(sink.acceptedIds(), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4], 'the sink stored both sends: at-least-once');
    await t.close();
  });

  it('an exporter that never settles cannot stall delivery: the export timeout frees its slot', async () => {
    let calls = 0;
    const stuckOnce: Exporter = {
      name: 'stuck',
      network: false,
      encode: (r) => r.map((x) => x.line).join('\n'),
      send: () => (++calls === 1 ? new Promise<never>(() => {}) : Promise.resolve({ outcome: 'ok' as const })),
    };
    const t = createTransport({
      exporter: stuckOnce,
      config: loadConfig({}),
      exportTimeoutMs: 100,
      backoffBaseMs: 10,
      backoffMaxMs: 50,
      maxConcurrentExports: 1,
    });
    for (const i of range(3)) t.write(entry(i, 'error'));
    await t.flush({ timeoutMs: 3000 });
    const s = t.getStats();
    assert.equal(s.sent, 3);
    assert.match(s.lastError!.message, /timed out after 100 ms/);
    await t.close();
  });

  it('a 4xx other than 408/429 is permanent: dropped at once and counted', async () => {
    reset();
    sink.answer = () => ({ status: 400 });
    const t = transportTo(sink);
    for (const i of range(3)) t.write(entry(i));
    await t.flush();
    assert.equal(sink.requests.length, 1);
    const s = t.getStats();
    assert.equal(s.dropped.permanent, 3);
    assert.match(s.lastError!.message, /HTTP 400/);
    await t.close();
  });

  it('partial failure: only the failed records are sent again', async () => {
    reset();
    sink.answer = (r, n) =>
      n === 1
        ? {
            status: 200,
            body: {
              rejected: [
                { index: 1, status: 503 },
                { index: 3, status: 500 },
                { index: 4, status: 400 },
              ],
            },
          }
        : { status: 200 };
    const t = transportTo(sink);
    for (const i of range(6)) t.write(entry(i));
    await t.flush();
    assert.deepEqual(
      sink.requests.map((r) => r.records.map((x) => x.i)),
      [
        [0, 1, 2, 3, 4, 5],
        [1, 3],
      ],
    );
    assert.deepEqual(sink.acceptedIds(), [0, 1, 2, 3, 5], 'each stored once; 4 was permanently rejected');
    const s = t.getStats();
    assert.equal(s.sent, 5);
    assert.equal(s.dropped.permanent, 1);
    assert.equal(s.retried, 2);
    await t.close();
  });

  it('a poison record is dropped after maxAttempts and the queue keeps flowing', async () => {
    reset();
    sink.answer = (r) => {
      const idx = r.records.findIndex((x) => x.poison === true);
      return idx < 0 ? { status: 200 } : { status: 200, body: { rejected: [{ index: idx, status: 500 }] } };
    };
    const t = transportTo(sink, { maxAttempts: 4 });
    for (const i of range(5)) t.write(entry(i));
    t.write(entry(100, 'info', { poison: true }));
    for (const i of range(5, 5)) t.write(entry(i));
    await t.flush({ timeoutMs: 10_000 });
    const poisonSends = sink.requests.filter((r) => r.records.some((x) => x.poison === true)).length;
    assert.equal(poisonSends, 4);
    let s = t.getStats();
    assert.equal(s.dropped.max_attempts, 1);
    assert.equal(s.sent, 10);
    for (const i of range(15, 20)) t.write(entry(i));
    await t.flush();
    s = t.getStats();
    assert.equal(s.sent, 25);
    assert.equal(s.queueRecords, 0);
    await t.close();
  });

  // The scenario at full length: the collector is down for 10 s, then back.
  it('[10 s outage, issue scenario] sink down for 10 s then back: nothing lost, no attempts used up', async () => {
    reset();
    const port = sink.port;
    const t = transportTo(sink, { maxAttempts: 2, backoffMaxMs: 1000 });
    for (const i of range(100)) t.write(entry(i));
    await t.flush();
    await sink.stop();
    const downAt = Date.now();
    for (const i of range(500, 100)) t.write(entry(i));
    await until(() => t.getStats().unavailableSince !== undefined, 5000, 'the outage to be noticed');
    await until(() => Date.now() - downAt >= 10_000, 11_000, '10 s');
    for (const i of range(400, 600)) t.write(entry(i));
    assert.equal(t.getStats().droppedTotal, 0, 'nothing dropped during the outage');
    assert.match(t.getStats().lastError!.message, /ECONNREFUSED/);
    await sink.start(port);
    await t.flush({ timeoutMs: 10_000 });
    assert.deepEqual(sink.acceptedIds(), range(1000));
    const s = t.getStats();
    assert.equal(s.droppedTotal, 0);
    assert.equal(s.unavailableSince, undefined);
    await t.close();
  });
});
