import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRequestScope, setContextField, withContext, withRequestContext } from '../src/index.js';

test('getRequestScope: undefined outside, stable for a whole request across nested scopes and field changes', async () => {
  assert.equal(getRequestScope(), undefined);
  const seen = await withContext({ app: 'a' }, () => withRequestContext({ request_id: 'r1' }, async () => {
    const first = getRequestScope();
    setContextField('user', 'u1');
    await new Promise((r) => setTimeout(r, 1));
    const afterSet = getRequestScope();
    const nested = await withContext({ step: 'db' }, async () => getRequestScope());
    return { first, afterSet, nested };
  }));
  assert.ok(seen.first);
  assert.equal(seen.afterSet, seen.first, 'setting a field keeps the request identity');
  assert.equal(seen.nested, seen.first, 'a nested withContext belongs to the same request');
});

test('getRequestScope: concurrent requests get distinct scopes; without a request scope the outermost is used', async () => {
  const scopes = await Promise.all(Array.from({ length: 50 }, (_, i) => withRequestContext({ i }, async () => {
    await new Promise((r) => setTimeout(r, (i * 7) % 5));
    return getRequestScope();
  })));
  assert.equal(new Set(scopes).size, 50);
  const [outer, inner] = withContext({ a: 1 }, () => [getRequestScope(), withContext({ b: 2 }, () => getRequestScope())]);
  assert.equal(inner, outer);
});
