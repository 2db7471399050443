import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDiagnostics } from '@meridian/config';
import { redactor } from './helpers.js';

const KEY = 'k3y-for-tests-0123456789';
const LINE = 'card 4111-1111-1111-1111 mail Jane@Example.com phone +44 20 7946 0958 ip 203.0.113.7';

test('mask mode (default) writes [REDACTED:<type>]', () => {
  assert.equal(redactor().redact(LINE), 'card [REDACTED:card] mail [REDACTED:email] phone [REDACTED:phone] ip [REDACTED:ipv4]');
});

test('partial mode keeps the last four card digits, the e-mail domain and the phone country code', () => {
  assert.equal(redactor({ mode: 'partial' }).redact(LINE), 'card [card:****1111] mail [email:***@Example.com] phone [phone:+44…] ip [REDACTED:ipv4]');
});

test('hash mode: keyed, stable pseudonyms; formatting and case do not change the token', () => {
  const h = redactor({ mode: 'hash', hashKey: KEY });
  const a = h.redact('card 4111-1111-1111-1111 mail Jane@Example.com');
  const b = h.redact('card 4111 1111 1111 1111 mail jane@example.com');
  assert.match(a, /^card \[card:hmac:[0-9a-f]{12}\] mail \[email:hmac:[0-9a-f]{12}\]$/);
  assert.equal(a, b);
  const other = redactor({ mode: 'hash', hashKey: KEY + 'x' }).redact('card 4111-1111-1111-1111 mail Jane@Example.com');
  assert.notEqual(other, a, 'a different key gives different pseudonyms');
});

test('hash mode without a (long enough) key is refused: diagnostic, mask mode', () => {
  let mode = '';
  const { lines } = captureDiagnostics(() => {
    mode = redactor({ mode: 'hash', hashKey: 'short' }).mode;
  });
  assert.equal(mode, 'mask');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /MERIDIAN_ERR_REDACT_OPTION: .*hash key of at least 16 characters.*using mask/);
  assert.doesNotMatch(lines[0]!, /short/, 'the key is never echoed');
});

test('redact(redact(x)) === redact(x) in every mode, strings and objects', () => {
  const record = { msg: LINE, password: 'pw', nested: { card: '4111111111111111', note: 'token=abc123 jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig' } };
  for (const m of [redactor(), redactor({ mode: 'partial' }), redactor({ mode: 'hash', hashKey: KEY })]) {
    const once = m.redact(LINE);
    assert.equal(m.redact(once), once, m.mode);
    const o1 = m.redact(record);
    assert.deepEqual(m.redact(o1), o1, m.mode);
  }
});
