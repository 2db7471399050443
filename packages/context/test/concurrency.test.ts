import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { getContext, setContextField, withContext } from '../src/index.js';

// Deterministic pseudo-random delays (mulberry32) so a failure can be replayed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

test('600 interleaved concurrent scopes with random delays never see each other', async () => {
  const rand = rng(0x5eed);
  const N = 600;
  const bus = new EventEmitter(); // one shared emitter every request emits on
  bus.setMaxListeners(0);
  const mismatches: string[] = [];
  bus.on('step', (id: number) => {
    const c = getContext();
    if (c?.requestId !== id) mismatches.push(`listener for ${id} saw ${JSON.stringify(c)}`);
  });
  async function request(id: number): Promise<void> {
    await withContext({ requestId: id }, async () => {
      for (let step = 0; step < 4; step++) {
        const d = Math.floor(rand() * 8);
        if (step % 2 === 0) await sleep(d);
        else await new Promise<void>((res) => setImmediate(res));
        const c = getContext();
        if (c?.requestId !== id) mismatches.push(`request ${id} step ${step} saw ${JSON.stringify(c)}`);
        if (step === 1) setContextField('user', `u${id}`);
        if (step >= 2 && c?.user !== `u${id}`) mismatches.push(`request ${id} lost its own field: ${JSON.stringify(c)}`);
        bus.emit('step', id);
      }
      await withContext({ phase: 'inner' }, async () => {
        await sleep(Math.floor(rand() * 4));
        const c = getContext();
        if (c?.requestId !== id || c.phase !== 'inner') mismatches.push(`request ${id} inner saw ${JSON.stringify(c)}`);
      });
      if (getContext()?.phase !== undefined) mismatches.push(`request ${id}: inner field leaked into the outer scope`);
    });
  }
  await Promise.all(Array.from({ length: N }, (_, i) => request(i)));
  assert.deepEqual(mismatches.slice(0, 5), []);
  assert.equal(getContext(), undefined, 'nothing leaks into the test itself');
});
