import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRequestScope, setContextField, withContext, withRequestContext } from '../src/index.js';

test('getRequestScope: undefined outside, stable for a whole request across nested scopes and field changes', async () => {
  assert.equal(getRequestScope(), undefined);
  const seen = await withContext({ app: 'a' }, () =>
    withRequestContext({ request_id: 'r1' }, async () => {
      const first = getRequestScope();
      setContextField('user', 'u1');
      await new Promise((r) => setTimeout(r, 1));
      const afterSet = getRequestScope();
      const nested = await withContext({ step: 'db' }, async () => getRequestScope());
      return { first, afterSet, nested };
    }),
  );
  assert.ok(seen.first);
  assert.equal(seen.afterSet, seen.first, 'setting a field keeps the request identity');
  assert.equal(seen.nested, seen.first, 'a nested withContext belongs to the same request');
});

test('getRequestScope: concurrent requests get distinct scopes; without a request scope the outermost is used', async () => {
  const scopes = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      withRequestContext({ i }, async () => {
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        return getRequestScope();
      }),
    ),
  );
  assert.equal(new Set(scopes).size, 50);
  const [outer, inner] = withContext({ a: 1 }, () => [getRequestScope(), withContext({ b: 2 }, () => getRequestScope())]);
  assert.equal(inner, outer);
});

test('contextWithRequestFields: builds the request scope on a given parent without entering it', async () => {
  const { ROOT_CONTEXT, context, createContextKey } = await import('@opentelemetry/api');
  const { contextWithRequestFields, getContext, getContextFrom, getRequestScopeFrom } = await import('../src/index.js');
  const other = createContextKey('test.other');
  const parent = ROOT_CONTEXT.setValue(other, 'span-like');
  const ctx = withContext({ ambient: 'not inherited' }, () => {
    const built = contextWithRequestFields(parent, { request_id: 'r9' });
    assert.deepEqual(getContext(), { ambient: 'not inherited' }, 'nothing was entered');
    return built;
  });
  assert.deepEqual(getContextFrom(ctx), { request_id: 'r9' });
  assert.equal(ctx.getValue(other), 'span-like', "the parent's values are kept");
  const seen = await context.with(ctx, async () => {
    const before = getRequestScope();
    const nested = withContext({ step: 'db' }, () => [getRequestScope(), getContext()] as const);
    await new Promise((r) => setTimeout(r, 1));
    return { before, nested, after: getRequestScope(), fields: getContext() };
  });
  assert.ok(seen.before);
  assert.equal(seen.before, getRequestScopeFrom(ctx));
  assert.equal(seen.nested[0], seen.before, 'a nested withContext belongs to the same request');
  assert.deepEqual(seen.nested[1], { request_id: 'r9', step: 'db' });
  assert.equal(seen.after, seen.before);
  assert.deepEqual(seen.fields, { request_id: 'r9' });
  const inner = contextWithRequestFields(ctx, { user: 'u' });
  assert.deepEqual(getContextFrom(inner), { request_id: 'r9', user: 'u' }, 'fields merge over the parent scope');
  assert.notEqual(getRequestScopeFrom(inner), getRequestScopeFrom(ctx), 'a new request scope');
});
