/**
 * Linear time, proven by counting work instead of timing it (a loaded CI machine cannot make these
 * fail): the scanner counts the characters each of its loops visits, the text each regular expression
 * exec runs over, and each validation (src/internal/work.ts). For every adversarial input the count
 * for 8× the text must stay within 1.5× of 8× the count for the shorter text. Timings are in
 * bench/linear-time.bench.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resetWork, workSteps } from '../src/internal/work.js';
import { redactor } from './helpers.js';

const r = redactor();
const hashing = redactor({ mode: 'hash', hashKey: 'linear-time-test-key-01' });

/** Repeating units that stress each detector family (digits, separators, '@', '+', '%', '\\', base64, ':' '=' …). */
const UNITS = [
  '1',
  '1 ',
  '0 ',
  '4111 ',
  '1-',
  '(0',
  '@',
  'a@',
  'a.b@c',
  'x@y.com ',
  'ü@',
  '张@例.中',
  '+',
  '+1 ',
  '+44 20 7946 0958 ',
  'A',
  'eyJ',
  'eyJhbGciOiJIUzI1NiJ9.',
  ':',
  'a:',
  '::',
  'ffff:',
  'ip:2001:db8::1:443 ',
  '=',
  'password=',
  '"password":"',
  'a=b&',
  '\\"',
  ';Password=a b',
  'AccountKey=',
  '--password ',
  '--password=',
  '--',
  '"--token","',
  'DB_PASS=',
  '-----BEGIN PRIVATE KEY-----',
  '-----BEGIN ',
  '[REDACTED:card]',
  '[',
  'AKIA',
  'AKIAIOSFODNN7EXAMPLE ',
  'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ',
  'ghp_',
  'xoxb-',
  'https://a:b@',
  '://',
  'Bearer ',
  'Bearer a=',
  'token_type=Bearer ',
  'Basic dXNlcjpwYXNz ',
  '1.1.1.1.',
  'Chrome/1.1.1.1 ',
  'A123456(',
  'GB82 ',
  '13812345678 ',
  '/4111111111111111',
  '/1',
  // encoded text: percent escapes (one long run, many runs, UTF-8), double encoding, form '+', backslash escapes
  '%41',
  '%40a',
  'a%40b.c&',
  '%2B1+',
  '%25',
  '%2525',
  '%E4%BD%A0',
  '%E4',
  '1+',
  '4111+1111+',
  'a+1',
  '\\',
  '\\n',
  '\\\\n',
  '\\x22',
  '\\xE5\\xBC\\xA0',
  '\\u0022',
  '\\n4111111111111111',
  '\\x224111111111111111\\x22',
];
const SMALL = 20_000;
const FACTOR = 8;
/** Allowed growth beyond proportional (1.5×), plus a constant for fixed per-call work. */
const SLACK = 1.5;
const CONSTANT = 10_000;
/** Counted steps per input character must stay below this (a linear but very wasteful pass fails too). */
const MAX_STEPS_PER_CHAR = 64;

/** Whole copies of `unit` (≥ `size` characters): the longer input is exactly 8 copies of the shorter one, so boundary effects match. */
function build(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length));
}

function steps(red: typeof r, s: string): number {
  resetWork();
  red.redact(s);
  return workSteps();
}

function assertLinear(red: typeof r, label: string, small: string, big: string): string {
  const a = steps(red, small);
  const b = steps(red, big);
  assert.ok(a >= small.length, `${label}: the counter saw ${a} steps for ${small.length} characters (at least one per character expected)`);
  assert.ok(b <= FACTOR * a * SLACK + CONSTANT, `not linear for ${label}: ${a} steps for ${small.length} characters, ${b} for ${big.length}`);
  assert.ok(b / big.length <= MAX_STEPS_PER_CHAR, `${label}: ${(b / big.length).toFixed(1)} steps per character`);
  return `${label} ${(a / small.length).toFixed(2)} → ${(b / big.length).toFixed(2)} steps/char`;
}

test(`adversarial inputs: counted scanning work for ${FACTOR}× the text stays within ${SLACK}× of ${FACTOR}× the work`, () => {
  const report: string[] = [];
  for (const unit of UNITS) report.push(assertLinear(r, JSON.stringify(unit), build(unit, SMALL), build(unit, SMALL).repeat(FACTOR)));
  // the hash mode decodes and hashes each finding: same bound
  for (const unit of ['x@y.com ', '4111+1111+1111+1111 ', 'a%2540b.co ']) {
    report.push(assertLinear(hashing, `hash ${JSON.stringify(unit)}`, build(unit, SMALL), build(unit, SMALL).repeat(FACTOR)));
  }
  console.log(report.join('\n'));
});

test('a random mix of trigger characters stays linear', () => {
  let seed = 1;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const alpha = '0123456789 -+@.:=/()eyJAKIa_%\\x"\';[]ü张';
  let mix = '';
  for (let i = 0; i < SMALL * FACTOR; i++) mix += alpha[Math.floor(rnd() * alpha.length)];
  console.log(assertLinear(r, 'random mix', mix.slice(0, SMALL), mix));
});

test('the counter sees repeated work: a quadratic reference fails the bound the detectors pass', () => {
  // Rescanning the text up to every '@' (what an unbounded look-back from each anchor amounts to),
  // through the same counter and the same check.
  const quadratic = (s: string): number => {
    resetWork();
    for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) r.scan(s.slice(0, at + 1));
    return workSteps();
  };
  const small = build('a@', 500);
  const a = quadratic(small);
  const b = quadratic(small.repeat(FACTOR));
  assert.ok(b > FACTOR * a * SLACK + CONSTANT, `the quadratic reference should exceed the bound: ${a} → ${b}`);
});
