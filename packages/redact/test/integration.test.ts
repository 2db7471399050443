import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactQueryString, redactSpanAttributes, redactUrl, toLoggerHook } from '../src/index.js';
import { redactor } from './helpers.js';

const r = redactor();

test('toLoggerHook exposes redactString and isSensitiveKey', () => {
  const hook = toLoggerHook(r);
  assert.equal(hook.redactString('mail a@example.com'), 'mail [REDACTED:email]');
  assert.equal(hook.isSensitiveKey('Set-Cookie'), true);
  assert.equal(hook.isSensitiveKey('tokens_used'), false);
});

test('url.full: userinfo becomes REDACTED:REDACTED, sensitive query values REDACTED (OTel conventions)', () => {
  assert.equal(
    redactUrl('https://bob:pw@example.com:8443/p/1?q=shoes&sig=abc&X-Amz-Credential=AKIA%2Fx&Signature=s#frag', r),
    'https://REDACTED:REDACTED@example.com:8443/p/1?q=shoes&sig=REDACTED&X-Amz-Credential=REDACTED&Signature=REDACTED#frag',
  );
  assert.equal(redactUrl('https://example.com/a?access_token=t1&page=2', r), 'https://example.com/a?access_token=REDACTED&page=2');
  assert.equal(redactQueryString('AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&x=1', r), 'AWSAccessKeyId=REDACTED&x=1');
  const once = redactUrl('https://u:p@example.com/?token=x', r);
  assert.equal(redactUrl(once, r), once);
  assert.equal(r.redact(once), once, 'the string redactor leaves the OTel form alone');
});

test('redactSpanAttributes: url.* per OTel, other attributes by content and by name; input untouched', () => {
  const attrs = {
    'http.request.method': 'POST',
    'url.full': 'https://svc:secret@api.example.com/v1/pay?card=4111111111111111&amount=12',
    'url.query': 'email=jane@example.com&api_key=k',
    'http.request.header.authorization': ['Bearer abc.def'],
    'enduser.id': 'jane@example.com',
    'http.response.status_code': 201,
  };
  const before = JSON.stringify(attrs);
  const out = redactSpanAttributes(attrs, r);
  assert.equal(JSON.stringify(attrs), before);
  assert.deepEqual(out, {
    'http.request.method': 'POST',
    'url.full': 'https://REDACTED:REDACTED@api.example.com/v1/pay?card=REDACTED&amount=12',
    'url.query': 'email=[REDACTED:email]&api_key=REDACTED',
    'http.request.header.authorization': '[REDACTED:secret]',
    'enduser.id': '[REDACTED:email]',
    'http.response.status_code': 201,
  });
});
