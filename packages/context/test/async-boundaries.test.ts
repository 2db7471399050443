import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bindEmitter, getContext, withContext } from '../src/index.js';

const tick = () => new Promise<void>((res) => setImmediate(res));

test('timers, setImmediate, process.nextTick, queueMicrotask and promise chains keep the scope', async () => {
  const seen = await withContext(
    { id: 'b1' },
    () =>
      new Promise<unknown[]>((resolve) => {
        const out: unknown[] = [];
        setTimeout(() => {
          out.push(getContext());
          setImmediate(() => {
            out.push(getContext());
            process.nextTick(() => {
              out.push(getContext());
              queueMicrotask(() => {
                out.push(getContext());
                Promise.resolve()
                  .then(() => getContext())
                  .then((c) => {
                    out.push(c);
                    resolve(out);
                  });
              });
            });
          });
        }, 1);
      }),
  );
  assert.equal(seen.length, 5);
  for (const c of seen) assert.deepEqual(c, { id: 'b1' });
});

test('a promise created outside and awaited inside resolves into the awaiting scope', async () => {
  const outside = new Promise((res) => setTimeout(res, 2));
  const c = await withContext({ id: 'awaiter' }, async () => {
    await outside;
    return getContext();
  });
  assert.deepEqual(c, { id: 'awaiter' });
});

test('EventEmitter: a listener runs in the context of the emit() caller', async () => {
  const ee = new EventEmitter();
  const seen: unknown[] = [];
  withContext({ id: 'adder' }, () => ee.on('evt', () => seen.push(getContext())));
  withContext({ id: 'emitter' }, () => ee.emit('evt'));
  ee.emit('evt');
  await withContext({ id: 'async-emitter' }, async () => {
    await tick();
    ee.emit('evt');
  });
  assert.deepEqual(seen, [{ id: 'emitter' }, undefined, { id: 'async-emitter' }]);
});

test('EventEmitter: bindEmitter makes listeners run in the scope they were bound in, wherever emit() is called', () => {
  const shared = new EventEmitter(); // e.g. a connection driven from outside the request
  const seen: unknown[] = [];
  const listener = () => seen.push(getContext());
  withContext({ id: 'request' }, () => {
    bindEmitter(shared).on('data', listener);
  });
  shared.emit('data');
  withContext({ id: 'someone-else' }, () => shared.emit('data'));
  shared.removeListener('data', listener);
  assert.equal(shared.listenerCount('data'), 0, 'removeListener still finds the wrapped listener');
  assert.deepEqual(seen, [{ id: 'request' }, { id: 'request' }]);
});

test('streams: a pipeline started inside a scope runs its stages in that scope', async () => {
  const seen: unknown[] = [];
  const chunks: string[] = [];
  await withContext({ id: 'stream' }, () =>
    pipeline(
      Readable.from(['a', 'b', 'c']),
      new Transform({
        transform(chunk, _enc, cb) {
          seen.push(getContext());
          setTimeout(() => cb(null, String(chunk).toUpperCase()), 1);
        },
      }),
      new Writable({
        write(chunk, _enc, cb) {
          seen.push(getContext());
          chunks.push(String(chunk));
          cb();
        },
      }),
    ),
  );
  assert.deepEqual(chunks, ['A', 'B', 'C']);
  assert.equal(seen.length, 6);
  for (const c of seen) assert.deepEqual(c, { id: 'stream' });
});

test('unhandledRejection handler context differs between Node 20 and Node 24 (documented)', () => {
  // In a child process: the test runner itself turns unhandled rejections into failures.
  const indexUrl = new URL('../src/index.js', import.meta.url).href;
  const script = `
    import { getContext, withContext } from ${JSON.stringify(indexUrl)};
    process.on('unhandledRejection', () => { console.log(JSON.stringify(getContext() ?? null)); });
    let rejectLater;
    withContext({ id: 'creator' }, () => { new Promise((_res, rej) => { rejectLater = rej; }); });
    withContext({ id: 'rejecter' }, () => rejectLater(new Error('p1')));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  const major = Number(process.versions.node.split('.')[0]);
  // Node 20 (async_hooks-based AsyncLocalStorage): the context where the promise was created.
  // Node >= 24 (AsyncContextFrame): the context where it was rejected.
  assert.deepEqual(JSON.parse(r.stdout.trim()), major >= 24 ? { id: 'rejecter' } : { id: 'creator' });
});
