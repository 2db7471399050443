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

test('internationalised e-mail addresses: Unicode local parts and domains, punycode labels', () => {
  masks('welcome josé@exämple.com!', 'welcome [REDACTED:email]!');
  masks('notify müller@example.de today', 'notify [REDACTED:email] today');
  masks('用户：张三@例子.中国。', '用户：[REDACTED:email]。');
  masks('почта: иван@пример.рф, ok', 'почта: [REDACTED:email], ok');
  masks('to user@xn--80ak6aa92e.xn--p1ai and jane@xn--bcher-kva.example', 'to [REDACTED:email] and [REDACTED:email]');
  masks('{"email":"δοκιμή@παράδειγμα.δοκιμή"}', '{"email":"[REDACTED:email]"}');
  // CJK text glued to an ASCII address is not part of it (and the other way round)
  masks('联系邮箱jane@example.com联系我', '联系邮箱[REDACTED:email]联系我');
  masks("receipt to '李娜79@例子.广告' sent", "receipt to '[REDACTED:email]' sent");
});

test('internationalised look-alikes stay', () => {
  untouched('@张三 你好, meeting 张三@开会 at 3pm');
  untouched('logo@2x.png npm i pkg@1.2.3 user@localhost');
  untouched('ticket x@y.xn--1 and a@b.c1');
});

test('IPv6 client addresses with a port or right after key:', () => {
  masks('client 2001:db8:85a3:0:0:8a2e:370:7334:443 closed', 'client [REDACTED:ipv6]:443 closed');
  masks('accepted from 2001:db8::8a2e:370:7334:51234', 'accepted from [REDACTED:ipv6]:51234');
  masks(
    'peer=[2001:db8::1]:8443 ip:2001:db8::1 client:fe80::1ff:fe23:4567:890a addr:2001:db8::2',
    'peer=[[REDACTED:ipv6]]:8443 ip:[REDACTED:ipv6] client:[REDACTED:ipv6] addr:[REDACTED:ipv6]',
  );
  masks(
    '2024/03/01 10:15:30 [error] 31#31: *7 upstream timed out, client: 2001:db8::7, server: api',
    '2024/03/01 10:15:30 [error] 31#31: *7 upstream timed out, client: [REDACTED:ipv6], server: api',
  );
});

test('IPv6 look-alikes stay: times, MACs, C++ scopes, ports alone', () => {
  untouched('at 10:15:30:123 mac 00:1a:2b:3c:4d:5e std::vector<int> a::b host:8080 key:value');
  untouched('loopback ::1 and [::1]:3000');
});

test('browser User-Agent versions are not IPv4 addresses; addresses in paths and text still are', () => {
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0';
  untouched(ua);
  untouched('ua="Mozilla/5.0 (Linux; Android 14) Chrome/120.0.0.0 Mobile Safari/537.36 OPR/80.1.0.0"');
  masks(
    `203.0.113.7 - - [01/Mar/2024:10:15:30 +0000] "GET / HTTP/1.1" 200 5 "-" "${ua}"`,
    `[REDACTED:ipv4] - - [01/Mar/2024:10:15:30 +0000] "GET / HTTP/1.1" 200 5 "-" "${ua}"`,
  );
  masks('GET /v1/lookup/ip/203.0.113.7 200', 'GET /v1/lookup/ip/[REDACTED:ipv4] 200');
  masks('forwarded for/198.51.100.23', 'forwarded for/[REDACTED:ipv4]');
});
