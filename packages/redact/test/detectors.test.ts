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

test('payment cards: brand prefix and Luhn, plain or grouped', () => {
  masks('card 4111 1111 1111 1111 ok', 'card [REDACTED:card] ok');
  masks('card=5555555555554444;', 'card=[REDACTED:card];');
  masks('mc2 2221-0000-0000-0009 amex 3782 822463 10005', 'mc2 [REDACTED:card] amex [REDACTED:card]');
  masks('unionpay 6212345678901232 jcb 3530111333300000', 'unionpay [REDACTED:card] jcb [REDACTED:card]');
  untouched('ref 4111 1111 1111 1112 rejected'); // Luhn fails
  untouched('id 1234567812345670'); // Luhn-valid, no brand
  untouched('order ORD-4111111111111111'); // glued to an id
  untouched('ms 1709287530123 and snowflake 1234567890123456789');
});

test('phone numbers: international for any country, validated with libphonenumber metadata', () => {
  masks('call +44 20 7946 0958 now', 'call [REDACTED:phone] now');
  masks('tel:+8613812345678', 'tel:[REDACTED:phone]');
  masks('+1 (415) 555-2671 / +49 30 12345678 / +65 9123 4567', '[REDACTED:phone] / [REDACTED:phone] / [REDACTED:phone]');
  masks('+81 90-1234-5678, +852 9123 4567, +61 412 345 678, +91 98765 43210', '[REDACTED:phone], [REDACTED:phone], [REDACTED:phone], [REDACTED:phone]');
  untouched('offset +1700000000000 and +12 degrees');
});

test('phone numbers: national formats only with phone-like grouping', () => {
  masks('cn 13812345678 and 138-1234-5678', 'cn [REDACTED:phone] and [REDACTED:phone]');
  masks('us (415) 555-2671 or 415-555-2671', 'us [REDACTED:phone] or [REDACTED:phone]');
  masks('uk 020 7946 0958, de 030 12345678, fr 06 12 34 56 78', 'uk [REDACTED:phone], de [REDACTED:phone], fr [REDACTED:phone]');
  masks('jp 03-1234-5678, sg 9123 4567, au 0412 345 678, in 98765 43210', 'jp [REDACTED:phone], sg [REDACTED:phone], au [REDACTED:phone], in [REDACTED:phone]');
  masks('用户手机号13812345678登录成功', '用户手机号[REDACTED:phone]登录成功');
  untouched('epoch 1709287530 order 100234987 account 123456789012');
  untouched('2024-03-01 10:15:30 took 4151234 ms');
});

test('e-mail, IPv4 and IPv6 addresses', () => {
  masks('to <jane.doe+x@mail.example.co.uk>', 'to <[REDACTED:email]>');
  masks('from 203.0.113.7:443 and [2001:db8::8a2e:370:7334]:80', 'from [REDACTED:ipv4]:443 and [[REDACTED:ipv6]]:80');
  masks('fe80::1ff:fe23:4567:890a%eth0', '[REDACTED:ipv6]%eth0');
  untouched('logo@2x.png npm i pkg@1.2.3 listening on 0.0.0.0:8080 and 127.0.0.1');
  untouched('version 10.0.19045.1 build 1.2.3.4 std::vector a::b 10:15:30');
});

test('IBAN, SSN, NINO, China id, HKID, NRIC with their check rules', () => {
  masks('iban DE89 3704 0044 0532 0130 00.', 'iban [REDACTED:iban].');
  masks('GB82WEST12345698765432', '[REDACTED:iban]');
  untouched('GB82WEST12345698765433'); // mod-97 fails
  masks('ssn 123-45-6789', 'ssn [REDACTED:ssn]');
  untouched('ssn-like 666-45-6789 000-12-3456 912-34-5678 123-00-4567 123-45-0000');
  masks('NI AB123456C and AB 12 34 56 C', 'NI [REDACTED:nino] and [REDACTED:nino]');
  untouched('QQ123456C BG123456A AB123456E');
  masks('身份证11010519491231002X', '身份证[REDACTED:cn_id]');
  untouched('11010519491231002Y 11010519491332002X'); // check char, date
  masks('hkid A123456(3) and A1234563', 'hkid [REDACTED:hkid] and [REDACTED:hkid]');
  untouched('A123456(4)');
  masks('S1234567D T1234567J F1234567N G1234567X', '[REDACTED:nric] [REDACTED:nric] [REDACTED:nric] [REDACTED:nric]');
  // both a valid NINO and a valid HKID: the checksum wins unless the context names a NINO
  masks('value TW530301A', 'value [REDACTED:hkid]');
  masks('NI number TW530301A', 'NI number [REDACTED:nino]');
  untouched('S1234567A');
});

test('secrets: cloud keys, tokens, JWTs, auth headers, PEM, URL credentials', () => {
  masks('AKIAIOSFODNN7EXAMPLE', '[REDACTED:aws_key]');
  masks('t=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 ', 't=[REDACTED:github_token] ');
  masks('sk_live_4eC39HqLyjWDarjtT1zdp7dc', '[REDACTED:stripe_key]');
  masks('xoxb-123456789012-1234567890123-abcdefghijABCDEFGHIJ1234', '[REDACTED:slack_token]');
  masks('jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt [REDACTED:jwt]');
  untouched('eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxIn0.abc'); // header has no "alg"
  masks('Authorization: Bearer abc123def456ghi789', 'Authorization: Bearer [REDACTED:authorization]');
  masks('sent Basic dXNlcjpwYXNzd29yZA== upstream', 'sent Basic [REDACTED:authorization] upstream');
  untouched('Basic authentication failed; Bearer token expired');
  masks('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY----- done', '[REDACTED:private_key] done');
  masks('dsn postgres://app:s3cr3t@db.internal:5432/x', 'dsn postgres://[REDACTED:url_credentials]@db.internal:5432/x');
  masks('redis://:p4ssw0rd@cache:6379/0', 'redis://[REDACTED:url_credentials]@cache:6379/0');
  untouched('ssh://git@github.com/org/repo.git and git@github.com:org/repo.git');
});

test('sensitive key=value, key: value and JSON-in-string parameters', () => {
  masks('login password=hunter2 user=bob', 'login password=[REDACTED:secret] user=bob');
  masks('GET /cb?access_token=abc.def&page=2', 'GET /cb?access_token=[REDACTED:secret]&page=2');
  masks('X-Amz-Signature=deadbeef01&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240301', 'X-Amz-Signature=[REDACTED:secret]&X-Amz-Credential=[REDACTED:aws_key]');
  masks('body {"client_secret":"s3cr3t value","id":7}', 'body {"client_secret":"[REDACTED:secret]","id":7}');
  masks('escaped {\\"api_key\\":\\"xyz123\\"}', 'escaped {\\"api_key\\":\\"[REDACTED:secret]\\"}');
  masks('Cookie: sid=abc; theme=dark', 'Cookie: [REDACTED:secret]');
  masks('db_password: p@ss', 'db_password: [REDACTED:secret]');
  masks('card ending 1111, cvv=123', 'card ending 1111, cvv=[REDACTED:secret]');
  untouched('tokens_used=1234 token_count: 5 max_tokens=100 password=null');
});

test('switching types off', () => {
  const noIp = redactor({ disable: ['ipv4', 'ipv6'] });
  assert.equal(noIp.redact('from 203.0.113.7 and 2001:db8::1 mail a@example.com'), 'from 203.0.113.7 and 2001:db8::1 mail [REDACTED:email]');
});

test('custom detectors and extra keys added in code', () => {
  const c = redactor({
    detectors: [{ type: 'employee_id', pattern: /\bEMP-\d{6}\b/, validate: (m) => !m.endsWith('000000') }],
    extraKeys: ['X-Tenant-Secret-Ref'],
  });
  assert.equal(c.redact('by EMP-123456 not EMP-000000'), 'by [REDACTED:employee_id] not EMP-000000');
  assert.deepEqual(c.redact({ x_tenant_secret_ref: 'abc', tenant: 'acme' }), { x_tenant_secret_ref: '[REDACTED:secret]', tenant: 'acme' });
});

test('scan() reports type and offsets', () => {
  const text = 'mail a@example.com card 4111111111111111';
  assert.deepEqual(r.scan(text), [
    { type: 'email', start: 5, end: 18 },
    { type: 'card', start: 24, end: 40 },
  ]);
  assert.deepEqual(r.scan('nothing here at all'), []);
});

test('phone validation has a per-string budget; beyond it candidates are masked unvalidated and counted', () => {
  const b = redactor();
  const many = Array.from({ length: 40 }, (_, i) => `+44 20 7946 ${String(1000 + i * 37).padStart(4, '0')}`).join(', ');
  const out = b.redact(many);
  assert.doesNotMatch(out, /\+44/, 'every number is masked');
  assert.ok(b.stats.phoneBudgetExceeded > 0);
});
