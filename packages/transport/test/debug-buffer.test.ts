import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, describe, it } from 'node:test';
import { entry, sleep } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { Sink } from './helpers/sink.js';

describe('per-request debug buffer', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(() => sink.stop());

  it('concurrent requests: debug records ship only with their own request error, no cross-talk', async () => {
    const als = new AsyncLocalStorage<{ id: string }>();
    const t = transportTo(sink, { debugBuffer: true, debugBufferMax: 50, getScope: () => als.getStore() });
    const seen: string[] = [];
    // ids: request A = 1xx, request B = 2xx, request C = 3xx; B fails, A and C succeed
    const request = async (base: number, fails: boolean): Promise<void> => {
      const scope = { id: String(base) };
      await als.run(scope, async () => {
        for (let k = 0; k < 5; k++) {
          t.write(entry(base + k, k % 2 ? 'trace' : 'debug'));
          await sleep(Math.random() * 10);
        }
        t.write(entry(base + 50, 'info'));
        if (fails) t.write(entry(base + 99, 'error'));
        t.endScope(scope);
        seen.push(scope.id);
      });
    };
    await Promise.all([request(100, false), request(200, true), request(300, false)]);
    t.write(entry(1, 'debug')); // outside any request: shipped normally
    await t.flush();
    assert.equal(seen.length, 3);
    assert.deepEqual(sink.acceptedIds(), [1, 150, 200, 201, 202, 203, 204, 250, 299, 350]);
    const s = t.getStats();
    assert.equal(s.dropped.debug_buffer_discarded, 10);
    assert.equal(s.debugBuffered, 0);
    await t.close();
  });

  it('a request holds at most debugBufferMax records (oldest go, counted)', async () => {
    sink.accepted.length = 0;
    const als = new AsyncLocalStorage<object>();
    const t = transportTo(sink, { debugBuffer: true, debugBufferMax: 3, getScope: () => als.getStore() });
    als.run({}, () => {
      for (let k = 0; k < 6; k++) t.write(entry(k, 'debug'));
      t.write(entry(9, 'error'));
    });
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [3, 4, 5, 9]);
    assert.equal(t.getStats().dropped.debug_buffer_overflow, 3);
    await t.close();
  });

  it('off by default: debug records are shipped like the rest', async () => {
    sink.accepted.length = 0;
    const als = new AsyncLocalStorage<object>();
    const t = transportTo(sink, { getScope: () => als.getStore() });
    als.run({}, () => t.write(entry(7, 'debug')));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [7]);
    await t.close();
  });
});
