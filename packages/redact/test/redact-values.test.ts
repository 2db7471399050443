import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactor } from './helpers.js';

const r = redactor();

test('objects come back as redacted deep copies; the input is not mutated', () => {
  const input = {
    msg: 'paid with 4111 1111 1111 1111',
    user: { id: 42, email: 'jane@example.com', password: 'hunter2', apiKey: 'k-123', tokens_used: 17, token_count: 3 },
    headers: { Authorization: 'Bearer abc', 'Set-Cookie': ['sid=1', 'x=2'], 'user-agent': 'curl/8.0' },
    list: ['203.0.113.9', 7, null, true],
    session_id: 'abcdef',
    empty: { password: '', secret: null },
  };
  const before = JSON.stringify(input);
  const out = r.redact(input);
  assert.equal(JSON.stringify(input), before);
  assert.notEqual(out, input);
  assert.deepEqual(out, {
    msg: 'paid with [REDACTED:card]',
    user: { id: 42, email: '[REDACTED:email]', password: '[REDACTED:secret]', apiKey: '[REDACTED:secret]', tokens_used: 17, token_count: 3 },
    headers: { Authorization: '[REDACTED:secret]', 'Set-Cookie': '[REDACTED:secret]', 'user-agent': 'curl/8.0' },
    list: ['[REDACTED:ipv4]', 7, null, true],
    session_id: '[REDACTED:secret]',
    empty: { password: '', secret: null },
  });
});

test('key names are matched case-, dash-, underscore- and camelCase-insensitively', () => {
  for (const k of [
    'password',
    'PASSWORD',
    'pass_word',
    'Pass-Word',
    'dbPassword',
    'client_secret',
    'X-Api-Key',
    'api_key',
    'apiKey',
    'authorization',
    'cookie',
    'set-cookie',
    'card',
    'cardNumber',
    'cvv',
    'ssn',
    'session',
    'session_id',
    'refresh_token',
    'X-Amz-Signature',
  ]) {
    assert.equal(r.isSensitiveKey(k), true, k);
  }
  for (const k of ['tokens_used', 'token_count', 'max_tokens', 'user', 'id', 'orderId', 'traceId', 'signatureAlgorithm', 'cardinality']) {
    assert.equal(r.isSensitiveKey(k), false, k);
  }
});

test('key-based masking keeps the detected type when the whole value is one finding', () => {
  const p = redactor({ mode: 'partial' });
  assert.deepEqual(p.redact({ cardNumber: '4111 1111 1111 1111', pin: 1234 }), { cardNumber: '[card:****1111]', pin: '[REDACTED:secret]' });
});

test('cycles become "[Circular]", deep nesting "[Truncated]", and the result serialises', () => {
  const a: Record<string, unknown> = { name: 'a', mail: 'x@example.com' };
  a.self = a;
  a.list = [a];
  const out = r.redact(a) as Record<string, unknown>;
  assert.deepEqual(out, { name: 'a', mail: '[REDACTED:email]', self: '[Circular]', list: ['[Circular]'] });
  let deep: Record<string, unknown> = { v: 'end' };
  for (let i = 0; i < 100; i++) deep = { d: deep };
  const shallow = redactor({ maxDepth: 3 }).redact(deep);
  assert.equal(JSON.stringify(shallow), '{"d":{"d":{"d":"[Truncated]"}}}');
});

test('errors: message and stack redacted, type and other properties kept, original untouched', () => {
  const e = new TypeError('charge failed for jane@example.com');
  (e as unknown as Record<string, unknown>).code = 'E_CHARGE';
  const out = r.redact(e);
  assert.ok(out instanceof TypeError);
  assert.equal(out.message, 'charge failed for [REDACTED:email]');
  assert.ok(out.stack !== undefined && out.stack.startsWith('TypeError: charge failed for [REDACTED:email]'));
  assert.equal((out as unknown as Record<string, unknown>).code, 'E_CHARGE');
  assert.equal(e.message, 'charge failed for jane@example.com');
});

test('Maps, Sets, Dates and toJSON values', () => {
  const d = new Date(0);
  const out = r.redact({
    m: new Map<string, unknown>([
      ['password', 'x'],
      ['ip', '203.0.113.1'],
    ]),
    s: new Set(['a@example.com']),
    d,
    u: new URL('https://bob:pw@example.com/'),
  });
  assert.deepEqual(
    [...out.m],
    [
      ['password', '[REDACTED:secret]'],
      ['ip', '[REDACTED:ipv4]'],
    ],
  );
  assert.deepEqual([...out.s], ['[REDACTED:email]']);
  assert.equal(out.d, d);
  assert.equal(out.u, 'https://[REDACTED:url_credentials]@example.com/');
});

test('other types come back unchanged', () => {
  const fn = (): number => 1;
  assert.equal(r.redact(4111111111111111), 4111111111111111);
  assert.equal(r.redact(null), null);
  assert.equal(r.redact(undefined), undefined);
  assert.equal(r.redact(fn), fn);
  assert.equal(r.redact(true), true);
});

test('a throwing getter or custom detector never throws into the caller', () => {
  const o = {
    ok: 'a@example.com',
    get bad(): string {
      throw new Error('boom');
    },
  };
  assert.deepEqual(r.redact(o), { ok: '[REDACTED:email]', bad: '[Unreadable]' });
  const c = redactor({
    detectors: [
      {
        type: 'x',
        scan: () => {
          throw new Error('bad detector');
        },
      },
    ],
  });
  assert.equal(c.redact('mail a@example.com'), 'mail [REDACTED:email]');
});

test('disabled redactor returns values as they are', () => {
  const off = redactor({ enabled: false });
  const o = { password: 'x' };
  assert.equal(off.redact(o), o);
  assert.equal(off.redact('a@example.com'), 'a@example.com');
});
