import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactor } from './helpers.js';

const r = redactor();

function masks(input: string, expected: string): void {
  assert.equal(r.redact(input), expected, `input: ${input}`);
}

function untouched(input: string): void {
  assert.equal(r.redact(input), input, `should stay untouched: ${input}`);
}

test("form-encoded values: '+' stands for the space inside cards, IBANs, NINOs and phones", () => {
  masks(
    '198.51.100.4 - - [01/Mar/2024:10:15:30 +0000] "GET /pay?card=4111+1111+1111+1111&amount=12 HTTP/1.1" 200 512',
    '[REDACTED:ipv4] - - [01/Mar/2024:10:15:30 +0000] "GET /pay?card=[REDACTED:card]&amount=12 HTTP/1.1" 200 512',
  );
  masks('POST /sepa body=iban=GB82+WEST+1234+5698+7654+32&amount=10', 'POST /sepa body=iban=[REDACTED:iban]&amount=10');
  masks('form nino=AB+12+34+56+C&ok=1', 'form nino=[REDACTED:nino]&ok=1');
  masks('callback?phone=020+7946+0958&lang=en', 'callback?phone=[REDACTED:phone]&lang=en');
  masks('signup sms=+44+20+7946+0958&x=1', 'signup sms=[REDACTED:phone]&x=1');
  masks('GET /signup?sms=%2802%29+8536+7921&lang=en', 'GET /signup?sms=[REDACTED:phone]&lang=en');
  // only the identifier is replaced; the rest of the value stays byte for byte
  masks('GET /search?q=john+smith+4111+1111+1111+1111&page=2', 'GET /search?q=john+smith+[REDACTED:card]&page=2');
});

test("form-encoded look-alikes stay: the checks still gate ('+' decoding does not invent findings)", () => {
  untouched('GET /pay?card=4111+1111+1111+1112&amount=12 HTTP/1.1'); // Luhn fails
  untouched('iban=GB82+WEST+1234+5698+7654+33'); // mod-97 fails (and "5698 7654" inside it is not an HK phone)
  untouched('nino=QQ+12+34+56+C&x=1'); // QQ is not an allocated prefix
  untouched('callback?phone=010+0000+0000&sms=%2B44+10+0000+0000'); // not valid numbers for libphonenumber
  untouched('GET /calc?q=2+2&tags=c++&name=a+b+c HTTP/1.1');
  untouched('date=2024+03+01&time=10+15+30&order=100234987');
});

test('double-percent-encoded values (%2540) are decoded until plain', () => {
  masks('GET /u?email=jane%2540example.com&x=1 HTTP/1.1', 'GET /u?email=[REDACTED:email]&x=1 HTTP/1.1');
  masks('redirect=https%253A%252F%252Fx.io%252Fcb%253Fto%253Dbob%252540example.org', 'redirect=https%253A%252F%252Fx.io%252Fcb%253Fto%253D[REDACTED:email]');
  masks('to=%252B44%2B20%2B7946%2B0958&x=1', 'to=[REDACTED:phone]&x=1');
  untouched('discount=50%2525&q=100%25'); // decodes to "50%" and "100%": nothing
});

test('values after an escaped \\n or \\t inside JSON text or a stack are found (the escape letter is not part of the value)', () => {
  masks('stack: Error: declined\\n4111111111111111 at charge (pay.js:10:5)', 'stack: Error: declined\\n[REDACTED:card] at charge (pay.js:10:5)');
  masks('{"msg":"hello\\njane@example.com\\tbye"}', '{"msg":"hello\\n[REDACTED:email]\\tbye"}');
  masks('{"msg":"from\\n203.0.113.7\\nvia\\tAB123456C"}', '{"msg":"from\\n[REDACTED:ipv4]\\nvia\\t[REDACTED:nino]"}');
  masks('{"body":"{\\u0022ssn\\u0022:\\u0022123-45-6789\\u0022}"}', '{"body":"{\\u0022ssn\\u0022:\\u0022[REDACTED:ssn]\\u0022}"}');
  // a JSON document logged inside a JSON string: the inner escapes are doubled
  masks('{"msg":"payload {\\"note\\":\\"call\\\\n+44 20 7946 0958\\"}"}', '{"msg":"payload {\\"note\\":\\"call\\\\n[REDACTED:phone]\\"}"}');
});

test('nginx \\x22-escaped request bodies: quoted keys and values are read as JSON', () => {
  const line =
    '198.51.100.4 - - [01/Mar/2024:10:15:31 +0000] "POST /api/signup HTTP/1.1" 201 88 "-" "curl/8.4.0" ' +
    '"{\\x22email\\x22:\\x22jane@example.com\\x22,\\x22card\\x22:\\x224111111111111111\\x22,\\x22password\\x22:\\x22hunter2\\x22,\\x22plan\\x22:\\x22pro\\x22}"';
  masks(
    line,
    '[REDACTED:ipv4] - - [01/Mar/2024:10:15:31 +0000] "POST /api/signup HTTP/1.1" 201 88 "-" "curl/8.4.0" ' +
      '"{\\x22email\\x22:\\x22[REDACTED:email]\\x22,\\x22card\\x22:\\x22[REDACTED:card]\\x22,\\x22password\\x22:\\x22[REDACTED:secret]\\x22,\\x22plan\\x22:\\x22pro\\x22}"',
  );
  // nginx escapes UTF-8 bytes one by one: \xE5\xBC\xA0 is "张"
  masks(
    '"{\\x22name\\x22:\\x22\\xE5\\xBC\\xA0\\x22,\\x22phone\\x22:\\x2213812345678\\x22}"',
    '"{\\x22name\\x22:\\x22\\xE5\\xBC\\xA0\\x22,\\x22phone\\x22:\\x22[REDACTED:phone]\\x22}"',
  );
});

test('escaped text without findings is left exactly as it was', () => {
  for (const s of [
    'path C:\\new\\table\\x22file',
    'regex \\d+\\.\\d+ and \\u00e9t\\u00e9',
    '{"msg":"a\\nb\\tc","n":"\\x22quoted\\x22"}',
    'trace=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\\n',
  ]) {
    untouched(s);
  }
});

test('decoded findings are idempotent and keep the decoded value in partial and hash modes', () => {
  for (const s of ['a=4111+1111+1111+1111&b=jane%2540example.com', '{\\x22card\\x22:\\x224111111111111111\\x22}', 'x\\njane@example.com']) {
    const once = r.redact(s);
    assert.equal(r.redact(once), once, s);
  }
  const p = redactor({ mode: 'partial' });
  assert.equal(p.redact('to=jane%2540example.com&card=4111+1111+1111+1111'), 'to=[email:***@example.com]&card=[card:****1111]');
  const h = redactor({ mode: 'hash', hashKey: 'escape-test-key-0123456' });
  assert.equal(h.redact('a=jane%40example.com').slice(2), h.redact('jane@example.com'), 'the same address gets the same token, encoded or not');
});
