import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRouter, type Destination, type LogEntry } from '../src/index.js';
import { entry } from './helpers/entries.js';

/** A destination keeping what it receives, in order. */
function keep(): Destination & { ids: number[] } {
  const ids: number[] = [];
  return {
    ids,
    write: (e: LogEntry) => {
      ids.push((JSON.parse(e.line) as { i: number }).i);
    },
    flush: async () => {},
    close: async () => {},
  };
}

describe('router (the route stage)', () => {
  it('held debug records of a request go out just before its first error, to every destination, in order; other requests keep theirs', () => {
    const a = keep();
    const b = keep();
    const router = createRouter({ destinations: [a, b], debugBufferMax: 50 });
    const failing = {};
    const fine = {};
    router.hold(failing, entry(1, 'debug'));
    router.hold(fine, entry(2, 'debug'));
    router.hold(failing, entry(3, 'trace'));
    router.write(entry(4, 'info'), failing); // info releases nothing
    router.write(entry(5, 'error'), failing);
    router.write(entry(6, 'error'), failing); // released once only
    router.endRequest(fine);
    assert.deepEqual(a.ids, [4, 1, 3, 5, 6]);
    assert.deepEqual(b.ids, [4, 1, 3, 5, 6]);
    assert.deepEqual(router.stats(), { droppedAfterClose: 0, destinationErrors: 0, debugHeld: 0, debugFlushed: 2, debugDiscarded: 1, debugOverflow: 0 });
  });

  it('a request holds at most debugBufferMax records (oldest go, counted)', () => {
    const a = keep();
    const router = createRouter({ destinations: [a], debugBufferMax: 3 });
    const req = {};
    for (let k = 0; k < 6; k++) router.hold(req, entry(k, 'debug'));
    router.write(entry(9, 'error'), req);
    assert.deepEqual(a.ids, [3, 4, 5, 9]);
    assert.equal(router.stats().debugOverflow, 3);
  });

  it('off (debugBufferMax 0): hold() keeps nothing and holding is false', () => {
    const a = keep();
    const router = createRouter({ destinations: [a] });
    assert.equal(router.holding, false);
    router.hold({}, entry(1, 'debug'));
    router.write(entry(2, 'error'), {});
    assert.deepEqual(a.ids, [2]);
  });

  it('a destination that throws loses that record for itself only (counted); after close records are counted, not routed', async () => {
    const a = keep();
    const broken: Destination = {
      write: () => {
        throw new Error('boom');
      },
      flush: async () => {},
      close: async () => {},
    };
    const router = createRouter({ destinations: [broken, a] });
    router.write(entry(1));
    await router.close();
    router.write(entry(2));
    assert.deepEqual(a.ids, [1]);
    assert.equal(router.stats().destinationErrors, 1);
    assert.equal(router.stats().droppedAfterClose, 1);
  });
});
