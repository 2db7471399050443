import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactor } from './helpers.js';

const modes = [redactor(), redactor({ mode: 'partial' }), redactor({ mode: 'hash', hashKey: 'property-test-key-0123' })];

/** Fragments that exercise the detectors and their boundaries, glued by arbitrary text. */
const FRAGMENTS = [
  '4111 1111 1111 1111',
  '4111111111111111',
  '5555-5555-5555-4444',
  '+44 20 7946 0958',
  '13812345678',
  '(415) 555-2671',
  'jane@example.com',
  '203.0.113.7',
  '2001:db8::1',
  'DE89370400440532013000',
  '123-45-6789',
  'AB123456C',
  '11010519491231002X',
  'A123456(3)',
  'S1234567D',
  'AKIAIOSFODNN7EXAMPLE',
  'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
  'Bearer abc123def456',
  'password=hunter2',
  '"token":"t0k"',
  'https://u:p@h.io',
  '[REDACTED:card]',
  '[email:hmac:0123456789ab]',
  '2024-03-01T10:15:30Z',
  '1709287530123',
  ' ',
  '-',
  '.',
  ':',
  '=',
  '@',
  '+',
  '/',
  '(',
  ')',
  '"',
  '\\',
  '[',
  ']',
  '0',
  '7',
  'x',
  'A',
  '中文',
  // encoded and escaped forms, and the key forms of issue 13
  '4111+1111+1111+1111',
  'jane%2540example.com',
  '%40',
  '%2B44+20+7946+0958',
  '+',
  '%',
  '\\n',
  '\\x22',
  '\\u0022',
  '\\xE5\\xBC\\xA0',
  '/4111111111111111',
  'josé@exämple.com',
  '张三@例子.中国',
  'ip:2001:db8::1:443',
  '--password ',
  '--db-password=',
  'DB_PASS=',
  ';Password=a b;',
  'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'token_type=Bearer ',
  'Chrome/124.0.0.0',
];
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((a) => a.join(''));

test('redact(redact(s)) === redact(s) for strings, in every mode', () => {
  for (const m of modes) {
    fc.assert(
      fc.property(text, (s) => {
        const once = m.redact(s);
        assert.equal(m.redact(once), once);
      }),
      { numRuns: 400, seed: 42 },
    );
  }
});

/** Same keys in the same order, same array lengths, non-string leaves unchanged; values under sensitive keys may differ. */
function sameShape(a: unknown, b: unknown, sensitive: (k: string) => boolean): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameShape(x, b[i], sensitive));
  if (typeof a === 'object' && a !== null) {
    if (typeof b !== 'object' || b === null) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join('\0') !== kb.join('\0')) return false;
    return ka.every((k) => sensitive(k) || sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sensitive));
  }
  if (typeof a === 'string') return typeof b === 'string';
  return Object.is(a, b);
}

test('objects: output keeps the shape, is JSON-serialisable and idempotent; the input is not mutated', () => {
  const values = fc.letrec((tie) => ({
    leaf: fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
      fc.boolean(),
      fc.constant(null),
    ),
    node: fc.oneof(
      { depthSize: 'small' },
      tie('leaf'),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom('password', 'apiKey', 'msg', 'user', 'token_count', 'Set-Cookie'), fc.string({ maxLength: 8 })), tie('node'), {
        maxKeys: 4,
      }),
    ),
  })).node;
  for (const m of modes) {
    fc.assert(
      fc.property(values, (v) => {
        const before = JSON.stringify(v);
        const out = m.redact(v);
        assert.equal(JSON.stringify(v), before, 'input mutated');
        // serialises (no cycle, no BigInt) to JSON that parses back to the same text
        const json = JSON.stringify(out);
        assert.equal(typeof json, 'string');
        assert.equal(JSON.stringify(JSON.parse(json)), json);
        assert.ok(
          sameShape(v, out, (k) => m.isSensitiveKey(k)),
          'shape or a non-string value changed',
        );
        assert.deepEqual(m.redact(out), out);
      }),
      { numRuns: 300, seed: 7 },
    );
  }
});
