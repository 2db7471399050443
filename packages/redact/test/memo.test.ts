import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redactor } from '../src/index.js';
import { redactor } from './helpers.js';

/** Counts the detector passes of a redactor (its internal scanner), so a test can see work that was skipped. */
function countScans(r: Redactor): { count: number } {
  const counter = { count: 0 };
  const scanner = (r as unknown as { scanner: { scan(s: string): number[] } }).scanner;
  const scan = scanner.scan.bind(scanner);
  scanner.scan = (s: string): number[] => {
    counter.count++;
    return scan(s);
  };
  return counter;
}

// What an access line and a server span carry on every request: a browser user agent (its
// `Chrome/120.0.0.0` is a product version, not an address), a client address, a host name, a route.
const REPEATED = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  '203.0.113.9',
  'api.example.com',
  '/users/:id',
  'mail jane@example.com now',
];

test('a repeated string is redacted exactly as the first time, counted alike, and not scanned again', () => {
  const fresh = redactor();
  const expected = REPEATED.map((s) => fresh.redact(s));
  const r = redactor();
  const scans = countScans(r);
  const first = REPEATED.map((s) => r.redact(s));
  const scansAfterFirst = scans.count;
  const findingsAfterFirst = r.stats.findings;
  const again = REPEATED.map((s) => r.redact(s));
  assert.deepEqual(first, expected);
  assert.deepEqual(again, expected);
  assert.equal(again[0], expected[0]);
  assert.equal(again[0], REPEATED[0], 'the user agent is kept as it is');
  assert.equal(again[1], '[REDACTED:ipv4]');
  assert.equal(again[4], 'mail [REDACTED:email] now');
  assert.equal(scans.count, scansAfterFirst, 'the repeats were scanned again');
  // stats read as if every string had been scanned: strings and findings both doubled
  assert.equal(r.stats.strings, 2 * REPEATED.length);
  assert.equal(r.stats.findings, 2 * findingsAfterFirst);
});

test('strings are memoised only up to 256 characters, and never with custom detectors', () => {
  const r = redactor();
  const scans = countScans(r);
  const long = 'x'.repeat(300) + ' 203.0.113.9';
  r.redact(long);
  const perCall = scans.count;
  assert.ok(perCall > 0);
  r.redact(long);
  assert.equal(scans.count, 2 * perCall, 'a long string is scanned every time');
  let calls = 0;
  const c = redactor({
    detectors: [
      {
        type: 'ticket',
        scan: (s) => {
          calls++;
          return s.startsWith('T-') ? [{ start: 0, end: s.length }] : [];
        },
      },
    ],
  });
  assert.equal(c.redact('T-123456'), '[REDACTED:ticket]');
  const callsPerRedaction = calls;
  assert.ok(callsPerRedaction > 0);
  assert.equal(c.redact('T-123456'), '[REDACTED:ticket]');
  assert.equal(calls, 2 * callsPerRedaction, 'a custom detector runs on every call');
});

test('the memo is bounded: after many distinct strings the first is scanned again, with the same result', () => {
  const r = redactor();
  const scans = countScans(r);
  const first = 'first value 198.51.100.7';
  const out = r.redact(first);
  const perCall = scans.count;
  for (let i = 0; i < 300; i++) r.redact(`distinct value ${i}`);
  const before = scans.count;
  assert.equal(r.redact(first), out);
  assert.equal(scans.count, before + perCall);
});
