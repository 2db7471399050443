import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedFromContext, setContextField, withContext } from '../src/index.js';

test('derivedFromContext: computed once per fields version and owner; two owners side by side do not evict each other', () => {
  const logger = {};
  const format = {};
  const calls: string[] = [];
  const byLogger = (f: Readonly<Record<string, unknown>>) => {
    calls.push(`logger:${String(f.user)}`);
    return `L${String(f.user)}`;
  };
  const byFormat = (f: Readonly<Record<string, unknown>>) => {
    calls.push(`format:${String(f.user)}`);
    return `F${String(f.user)}`;
  };
  assert.equal(derivedFromContext(logger, byLogger), undefined, 'outside any scope');
  withContext({ user: 'a' }, () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(derivedFromContext(logger, byLogger), 'La');
      assert.equal(derivedFromContext(format, byFormat), 'Fa');
    }
    setContextField('user', 'b');
    assert.equal(derivedFromContext(logger, byLogger), 'Lb');
    assert.equal(derivedFromContext(format, byFormat), 'Fb');
    assert.equal(derivedFromContext(logger, byLogger), 'Lb');
  });
  assert.deepEqual(calls, ['logger:a', 'format:a', 'logger:b', 'format:b']);
});

test('derivedFromContext: a third owner takes a slot (recomputed later, never a stale or foreign value)', () => {
  const owners = [{}, {}, {}];
  let computed = 0;
  const derivers = owners.map((_, i) => (f: Readonly<Record<string, unknown>>) => {
    computed++;
    return `owner ${i}: ${String(f.k)}`;
  });
  withContext({ k: 1 }, () => {
    for (let round = 0; round < 3; round++) {
      owners.forEach((o, i) => assert.equal(derivedFromContext(o, derivers[i]!), `owner ${i}: 1`));
    }
    // round-robin over three owners with two slots: each call after the first round may recompute, none returns another's value
    assert.ok(computed >= 3, `computed ${computed}`);
    setContextField('k', 2);
    owners.forEach((o, i) => assert.equal(derivedFromContext(o, derivers[i]!), `owner ${i}: 2`));
  });
});

test('derivedFromContext: nested scopes keep their own values', () => {
  const owner = {};
  const derive = (f: Readonly<Record<string, unknown>>) => JSON.stringify(f);
  withContext({ a: 1 }, () => {
    assert.equal(derivedFromContext(owner, derive), '{"a":1}');
    withContext({ b: 2 }, () => assert.equal(derivedFromContext(owner, derive), '{"a":1,"b":2}'));
    assert.equal(derivedFromContext(owner, derive), '{"a":1}');
  });
});
