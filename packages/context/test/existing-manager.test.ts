import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ensureContextManager, getContext, withContext } from '../src/index.js';

test('an already-registered working manager is kept, not replaced', async () => {
  let calls = 0;
  class CountingManager extends AsyncLocalStorageContextManager {
    override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      ctx: Parameters<AsyncLocalStorageContextManager['with']>[0],
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F> {
      calls++;
      return super.with(ctx, fn, thisArg, ...args);
    }
  }
  assert.equal(context.setGlobalContextManager(new CountingManager().enable()), true);
  assert.equal(ensureContextManager(), true);
  const before = calls;
  const c = await withContext({ k: 'v' }, async () => {
    await new Promise((r) => setTimeout(r, 1));
    return getContext();
  });
  assert.deepEqual(c, { k: 'v' });
  assert.ok(calls > before, 'withContext went through the manager registered by the host');
});
