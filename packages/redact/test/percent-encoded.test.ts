import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '@meridian/config';
import { createRedactor, redactQueryString, redactUrl } from '../src/index.js';

const r = createRedactor({ config: loadConfig({}) });

test('percent-encoded personal data in query strings, URLs and free text is found and masked', () => {
  assert.equal(r.redact('receipt=mei.chan%40example.hk&sms=%2B852+9432+1876&order=SG-3003'), 'receipt=[REDACTED:email]&sms=[REDACTED:phone]&order=SG-3003');
  assert.equal(r.redact('GET /pay?email=ana%40example.com HTTP/1.1'), 'GET /pay?email=[REDACTED:email] HTTP/1.1');
  assert.equal(r.redact('https://shop.example/c?q=4111%201111%201111%201111&page=2'), 'https://shop.example/c?q=[REDACTED:card]&page=2');
  assert.equal(redactQueryString('to=bob%40example.org&token=abc', r), 'to=[REDACTED:email]&token=REDACTED');
  assert.equal(redactUrl('https://u:p@x.io/p?receipt=mei.chan%40example.hk', r), 'https://REDACTED:REDACTED@x.io/p?receipt=[REDACTED:email]');
});

test('percent-encoded text without findings is left exactly as it was', () => {
  for (const s of [
    'discount=50%25 off',
    'plain 100% sure',
    'x=%E4%BD%A0%E5%A5%BD',
    '/files/a%20b.txt',
    'bad=%ZZ%4',
    'q=order%2042&page=2',
    'trace=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01%20',
  ]) {
    assert.equal(r.redact(s), s, s);
  }
});

test('percent-encoded redaction is idempotent', () => {
  const once = r.redact('a=mei.chan%40example.hk&b=%2B44%2020%207946%200958&c=x%40y');
  assert.equal(r.redact(once), once);
});
