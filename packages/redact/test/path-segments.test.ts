import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSpanAttributes } from '../src/index.js';
import { redactor } from './helpers.js';

const r = redactor();

test('a URL path segment that is a valid card number is masked: access line, path field', () => {
  assert.equal(r.redact('GET /quotes/4111111111111111 200'), 'GET /quotes/[REDACTED:card] 200');
  assert.equal(
    r.redact('203.0.113.7 - - [01/Mar/2024:10:15:30 +0000] "GET /quotes/4111111111111111/items?x=1 HTTP/1.1" 200 5'),
    '[REDACTED:ipv4] - - [01/Mar/2024:10:15:30 +0000] "GET /quotes/[REDACTED:card]/items?x=1 HTTP/1.1" 200 5',
  );
  assert.equal(r.redact('/cards/5555555555554444.json'), '/cards/[REDACTED:card].json');
  assert.deepEqual(r.redact({ msg: 'GET /quotes/4111111111111111 200', method: 'GET', route: '/quotes/:id', path: '/quotes/4111111111111111', status: 200 }), {
    msg: 'GET /quotes/[REDACTED:card] 200',
    method: 'GET',
    route: '/quotes/:id',
    path: '/quotes/[REDACTED:card]',
    status: 200,
  });
});

test('numeric path segments that are not valid card numbers stay', () => {
  for (const s of [
    'GET /quotes/4111111111111112 200',
    'GET /orders/48213 200',
    'GET /tweets/1234567890123456789 200',
    'GET /v1/4111/1111/1111/1111 200',
    '/a/1709287530123/b',
  ]) {
    assert.equal(r.redact(s), s, s);
  }
});

test('span attributes: url.path and url.full with a card segment are masked; http.route stays', () => {
  const out = redactSpanAttributes(
    {
      'http.request.method': 'GET',
      'url.path': '/quotes/4111111111111111',
      'url.full': 'https://api.example.com/quotes/4111111111111111?currency=EUR',
      'http.route': '/quotes/:id',
    },
    r,
  );
  assert.deepEqual(out, {
    'http.request.method': 'GET',
    'url.path': '/quotes/[REDACTED:card]',
    'url.full': 'https://api.example.com/quotes/[REDACTED:card]?currency=EUR',
    'http.route': '/quotes/:id',
  });
});
