/**
 * Generators of valid identifiers (correct checksums, valid prefixes), written independently of
 * the detectors' code so that a bug in one is not mirrored in the other.
 */
import { createRequire } from 'node:module';
import { Buffer } from 'node:buffer';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { ALNUM, Rng, UPPER } from './random.js';

const require = createRequire(import.meta.url);
const EXAMPLES = require('libphonenumber-js/examples.mobile.json') as Record<string, string>;

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const CARD_BRANDS: Array<[string, number]> = [
  ['4', 16],
  ['4', 13],
  ['4', 19],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['2500', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['644', 16],
  ['3528', 16],
  ['3589', 16],
  ['62', 16],
  ['62', 19],
  ['36', 14],
  ['300', 14],
  ['38', 16],
];

export function cardNumber(r: Rng): string {
  const [prefix, len] = r.pick(CARD_BRANDS);
  const body = prefix + r.digits(len - prefix.length - 1);
  const d = body + luhnCheckDigit(body);
  const style = r.int(0, 2);
  if (style === 0) return d;
  const sep = style === 1 ? ' ' : '-';
  if (len === 15) return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  if (len === 14) return [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep);
  const groups: string[] = [];
  for (let i = 0; i < len; i += 4) groups.push(d.slice(i, i + 4));
  return groups.join(sep);
}

/** A 16-digit run with a card prefix whose Luhn check fails. */
export function luhnInvalidRun(r: Rng): string {
  const body = r.pick(['4', '51', '6011', '37']) + r.digits(14);
  const good = luhnCheckDigit(body.slice(0, 15));
  const bad = String((Number(good) + r.int(1, 9)) % 10);
  return body.slice(0, 15) + bad;
}

const NATIONAL_STYLES: Array<[CountryCode, (r: Rng) => string]> = [
  ['US', (r) => `(${r.int(2, 9)}${r.digits(2)}) ${r.int(2, 9)}${r.digits(2)}-${r.digits(4)}`],
  ['US', (r) => `${r.int(2, 9)}${r.digits(2)}-${r.int(2, 9)}${r.digits(2)}-${r.digits(4)}`],
  ['GB', (r) => `020 7${r.digits(3)} ${r.digits(4)}`],
  ['GB', (r) => `07${r.int(4, 9)}${r.digits(2)} ${r.digits(6)}`],
  ['DE', (r) => `030 ${r.int(1, 9)}${r.digits(7)}`],
  ['DE', (r) => `015${r.int(1, 2)} ${r.int(1, 9)}${r.digits(7)}`],
  ['FR', (r) => `0${r.int(6, 7)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`],
  ['JP', (r) => `090-${r.int(1, 9)}${r.digits(3)}-${r.digits(4)}`],
  ['JP', (r) => `03-${r.int(1, 9)}${r.digits(3)}-${r.digits(4)}`],
  ['SG', (r) => `${r.pick(['8', '9'])}${r.digits(3)} ${r.digits(4)}`],
  ['HK', (r) => `${r.pick(['5', '6', '9'])}${r.digits(3)} ${r.digits(4)}`],
  ['AU', (r) => `04${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`],
  ['AU', (r) => `(02) ${r.int(8, 9)}${r.digits(3)} ${r.digits(4)}`],
  ['IN', (r) => `${r.int(7, 9)}${r.digits(4)} ${r.digits(5)}`],
  ['CN', (r) => `1${r.pick(['38', '39', '58', '86', '36'])}${r.digits(8)}`],
  ['CN', (r) => `1${r.pick(['38', '39', '58', '86'])}-${r.digits(4)}-${r.digits(4)}`],
];

/** A valid phone number: international for any country (from libphonenumber's examples), or a national format. */
export function phoneNumber(r: Rng): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (r.next() < 0.5) {
      const [country, make] = r.pick(NATIONAL_STYLES);
      const text = make(r);
      const p = parsePhoneNumberFromString(text, country);
      if (p !== undefined && p.isValid()) return text;
    } else {
      const country = r.pick(Object.keys(EXAMPLES));
      const ex = EXAMPLES[country]!;
      const varied = ex.slice(0, -2) + r.digits(2);
      const p = parsePhoneNumberFromString(varied, country as CountryCode);
      if (p !== undefined && p.isValid()) return r.next() < 0.7 ? p.formatInternational() : p.number;
    }
  }
  return '+44 20 7946 0958';
}

/** A valid North American number written `+1-415-555-2671`. */
export function nanpDashed(r: Rng): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const text = `+1-${r.int(2, 9)}${r.digits(2)}-${r.int(2, 9)}${r.digits(2)}-${r.digits(4)}`;
    const p = parsePhoneNumberFromString(text);
    if (p !== undefined && p.isValid()) return text;
  }
  return '+1-415-555-2671';
}

const FIRST = ['john', 'maria', 'wei', 'li.na', 'hiroshi', 'priya', 'oliver', 'chloe', 'ahmed', 'sophie', 'kenji', 'mei'];
const LAST = ['smith', 'mueller', 'zhang', 'tan', 'sato', 'kumar', 'dubois', 'lee', 'wong', 'brown'];
const DOMAINS = [
  'example.com',
  'mail.example.co.uk',
  'corp.example.de',
  'example.com.sg',
  'example.hk',
  'example.jp',
  'qq.example.cn',
  'sub-domain.example.org',
];

export function email(r: Rng): string {
  const sep = r.pick(['.', '_', '', '+tag.']);
  return `${r.pick(FIRST)}${sep}${r.pick(LAST)}${r.int(0, 1) ? r.int(1, 99) : ''}@${r.pick(DOMAINS)}`;
}

const INTL_LOCAL = ['josé', 'müller', 'françois.dubois', '张三', '李娜', 'иван', 'δοκιμή', 'søren', 'ñandú', 'たなか'];
const INTL_DOMAINS = [
  'exämple.com',
  'example.de',
  '例子.中国',
  '例子.广告',
  'пример.рф',
  'xn--bcher-kva.example',
  'example.xn--p1ai',
  'xn--80ak6aa92e.xn--p1ai',
  'münchen.de',
];

/** Internationalised addresses (RFC 6531): Unicode local parts, Unicode and punycode domains. */
export function intlEmail(r: Rng): string {
  return `${r.pick(INTL_LOCAL)}${r.int(0, 1) ? r.int(1, 99) : ''}@${r.pick(INTL_DOMAINS)}`;
}

/** Form encoding (application/x-www-form-urlencoded): '+' for a space, %XX for the rest. */
export function formEncoded(v: string): string {
  return new URLSearchParams({ v }).toString().slice(2);
}

/** 40 base64 characters with upper and lower case and a digit (an AWS secret access key, an Azure key). */
export function base64Secret(r: Rng, n = 40): string {
  return r.chars(n - 3, ALNUM + '+/') + r.chars(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + r.chars(1, 'abcdefghijklmnopqrstuvwxyz') + String(r.int(0, 9));
}

export function ipv4(r: Rng): string {
  return `${r.pick([10, 172, 192, 203, 81, 185, 52, 13])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

export function ipv6(r: Rng): string {
  const g = (): string => r.int(0, 0xffff).toString(16);
  const style = r.int(0, 2);
  if (style === 0) return `2001:db8:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`;
  if (style === 1) return `2001:db8::${g()}:${r.int(1, 0xfff).toString(16)}`;
  return `fe80::${g()}:${g()}:${g()}:${r.int(1, 9)}${r.int(0, 9)}`;
}

function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

const IBAN_FORMATS: Array<[string, (r: Rng) => string]> = [
  ['DE', (r) => r.digits(18)],
  ['GB', (r) => r.chars(4, UPPER) + r.digits(14)],
  ['FR', (r) => r.digits(23)],
  ['NL', (r) => r.chars(4, UPPER) + r.digits(10)],
  ['ES', (r) => r.digits(20)],
  ['IT', (r) => r.chars(1, UPPER) + r.digits(22)],
  ['CH', (r) => r.digits(17)],
  ['BE', (r) => r.digits(12)],
  ['PL', (r) => r.digits(24)],
];

export function iban(r: Rng): string {
  const [cc, bban] = r.pick(IBAN_FORMATS);
  const b = bban(r);
  const check = String(98 - mod97(b + cc + '00')).padStart(2, '0');
  const compact = cc + check + b;
  if (r.next() < 0.5) return compact;
  return compact.replace(/(.{4})/g, '$1 ').trim();
}

export function ssn(r: Rng): string {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(r.int(1, 99)).padStart(2, '0')}-${String(r.int(1, 9999)).padStart(4, '0')}`;
}

export function nino(r: Rng): string {
  const first = 'ABCEGHJKLMNOPRSTWXYZ';
  const second = 'ABCEGHJKLMNPRSTWXYZ';
  let p = '';
  do p = r.pick([...first]) + r.pick([...second]);
  while (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(p));
  const d = r.digits(6);
  const s = r.pick(['A', 'B', 'C', 'D']);
  return r.next() < 0.5 ? p + d + s : `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`;
}

export function cnId(r: Rng): string {
  const region = String(r.pick([11, 31, 44, 33, 51, 32, 42])) + r.digits(4);
  const y = r.int(1950, 2005);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const body = region + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + r.digits(3);
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]!;
  return body + '10X98765432'[sum % 11];
}

export function hkid(r: Rng): string {
  const two = r.next() < 0.2;
  const letters = two ? r.chars(2, UPPER) : r.chars(1, UPPER);
  const digits = r.digits(6);
  const vals = (two ? [letters.charCodeAt(0) - 55, letters.charCodeAt(1) - 55] : [36, letters.charCodeAt(0) - 55]).concat([...digits].map(Number));
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += vals[i]! * (9 - i);
  const c = (11 - (sum % 11)) % 11;
  const check = c === 10 ? 'A' : String(c);
  return r.next() < 0.7 ? `${letters}${digits}(${check})` : `${letters}${digits}${check}`;
}

export function nric(r: Rng): string {
  const series = r.pick(['S', 'T', 'F', 'G', 'M']);
  const d = r.digits(7);
  const w = [2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(d[i]) * w[i]!;
  let check: string;
  if (series === 'M') check = 'KLJNPQRTUWX'[10 - ((sum + 3) % 11)]!;
  else if (series === 'S' || series === 'T') check = 'JZIHGFEDCBA'[(sum + (series === 'T' ? 4 : 0)) % 11]!;
  else check = 'XWUTRQPNMLK'[(sum + (series === 'G' ? 4 : 0)) % 11]!;
  return series + d + check;
}

export function awsKey(r: Rng): string {
  return r.pick(['AKIA', 'ASIA', 'AIDA', 'AROA']) + r.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

export function jwt(r: Rng): string {
  const header = b64url(JSON.stringify({ alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: r.digits(8), iat: 1700000000 + r.int(0, 1e7), scope: 'read write' }));
  return `${header}.${payload}.${r.chars(43, ALNUM + '-_')}`;
}

function tokenWithDigit(r: Rng, n: number): string {
  return r.chars(n - 1, ALNUM) + String(r.int(0, 9));
}

export function bearerToken(r: Rng): string {
  return tokenWithDigit(r, r.int(24, 48));
}

export function basicCredentials(r: Rng): string {
  return Buffer.from(`${r.pick(FIRST)}:${tokenWithDigit(r, 12)}`).toString('base64');
}

export function pemKey(r: Rng): string {
  const label = r.pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const lines: string[] = [];
  for (let i = 0; i < 4; i++) lines.push(r.chars(64, ALNUM + '+/'));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

export function githubToken(r: Rng): string {
  if (r.next() < 0.2) return 'github_pat_' + tokenWithDigit(r, 22) + '_' + tokenWithDigit(r, 59);
  return r.pick(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) + tokenWithDigit(r, 36);
}

export function stripeKey(r: Rng): string {
  return r.pick(['sk_live_', 'rk_live_', 'sk_test_']) + tokenWithDigit(r, r.int(24, 99));
}

export function slackToken(r: Rng): string {
  return `${r.pick(['xoxb', 'xoxp', 'xoxa', 'xoxr'])}-${r.digits(12)}-${r.digits(13)}-${r.chars(24, ALNUM)}`;
}

export function password(r: Rng): string {
  return r.chars(r.int(8, 20), ALNUM + '!#%*');
}
