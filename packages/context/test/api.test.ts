import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindContext, getContext, setContextField, withContext } from '../src/index.js';

test('getContext() is undefined outside any scope', () => {
  assert.equal(getContext(), undefined);
});

test('withContext returns the sync result and exposes the fields as a frozen object', () => {
  const r = withContext({ requestId: 'r1' }, () => {
    const c = getContext();
    assert.deepEqual(c, { requestId: 'r1' });
    assert.ok(Object.isFrozen(c));
    assert.throws(() => {
      (c as Record<string, unknown>).requestId = 'x';
    }, TypeError);
    return 42;
  });
  assert.equal(r, 42);
  assert.equal(getContext(), undefined);
});

test('withContext returns the promise of an async fn and keeps the fields across await', async () => {
  const r = await withContext({ a: 1 }, async () => {
    await new Promise((res) => setTimeout(res, 2));
    return getContext();
  });
  assert.deepEqual(r, { a: 1 });
});

test('nested scopes merge over the parent; undefined removes a key; the parent is unchanged', () => {
  withContext({ a: 1, b: 2 }, () => {
    withContext({ b: 3, c: 4 }, () => assert.deepEqual(getContext(), { a: 1, b: 3, c: 4 }));
    withContext({ a: undefined }, () => assert.deepEqual(getContext(), { b: 2 }));
    assert.deepEqual(getContext(), { a: 1, b: 2 });
  });
});

test('thrown errors propagate and the scope is left', () => {
  assert.throws(
    () =>
      withContext({ a: 1 }, () => {
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(getContext(), undefined);
});

test('identity: same object while unchanged, a new frozen object after each change', () => {
  withContext({ a: 1 }, () => {
    const first = getContext();
    assert.equal(getContext(), first, 'unchanged fields keep their identity');
    setContextField('user', 'u1');
    const second = getContext();
    assert.notEqual(second, first);
    assert.deepEqual(first, { a: 1 }, 'an old snapshot never changes');
    assert.deepEqual(second, { a: 1, user: 'u1' });
    assert.ok(Object.isFrozen(second));
    setContextField('user', 'u1');
    assert.equal(getContext(), second, 'setting the same value is not a change');
    setContextField('user', undefined);
    assert.deepEqual(getContext(), { a: 1 });
  });
});

test('setContextField is seen by other continuations of the same scope, not by the parent', async () => {
  await withContext({ req: 1 }, async () => {
    let seenLater: unknown;
    const later = new Promise<void>((res) =>
      setTimeout(() => {
        seenLater = getContext();
        res();
      }, 5),
    );
    withContext({ inner: true }, () => setContextField('onlyInner', 1));
    assert.deepEqual(getContext(), { req: 1 }, 'a child scope never writes into its parent');
    setContextField('user', 'alice');
    await later;
    assert.deepEqual(seenLater, { req: 1, user: 'alice' }, 'a timer scheduled earlier sees the later set');
  });
});

test('setContextField outside any scope is a no-op with one diagnostic', () => {
  const lines: string[] = [];
  const orig = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    setContextField('x', 1);
    setContextField('y', 2);
  } finally {
    process.stderr.write = orig;
  }
  assert.equal(getContext(), undefined);
  assert.equal(lines.length, 1, `expected exactly one diagnostic, got ${JSON.stringify(lines)}`);
  assert.match(lines[0], /^meridian: MERIDIAN_ERR_CONTEXT_NO_SCOPE: setContextField\(\) was called outside/);
});

test('bindContext runs a callback later in the context active when it was bound', async () => {
  let bound!: () => unknown;
  withContext({ bound: 'yes' }, () => {
    bound = bindContext(() => getContext());
  });
  withContext({ other: 'scope' }, () => assert.deepEqual(bound(), { bound: 'yes' }));
  assert.deepEqual(bound(), { bound: 'yes' });
});
