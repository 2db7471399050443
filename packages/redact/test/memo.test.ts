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
// `Chrome/120.0.0.0` is a product version, not an address), a host name, a route, a path — and strings
// with findings: a client address, an e-mail in a message.
const CLEAN = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'api.example.com',
  '/users/:id',
  '/hello/world',
];
const WITH_FINDINGS = ['203.0.113.9', 'mail jane@example.com now', 'card 4111 1111 1111 1111 ok'];

test('a repeated clean string is returned as it is, counted, and not scanned again', () => {
  const r = redactor();
  const scans = countScans(r);
  const first = CLEAN.map((s) => r.redact(s));
  assert.deepEqual(first, CLEAN, 'nothing in these strings is personal data');
  const scansAfterFirst = scans.count;
  assert.ok(scansAfterFirst >= CLEAN.length);
  const again = CLEAN.map((s) => r.redact(s));
  assert.deepEqual(again, CLEAN);
  assert.equal(scans.count, scansAfterFirst, 'the clean repeats were scanned again');
  assert.equal(r.stats.strings, 2 * CLEAN.length, 'stats read as if every string had been scanned');
  assert.equal(r.stats.findings, 0);
});

test('a string with findings is never kept: every repeat is scanned again, with the same result and count', () => {
  const r = redactor();
  const memo = (r as unknown as { memo: Set<string> }).memo;
  const scans = countScans(r);
  const first = WITH_FINDINGS.map((s) => r.redact(s));
  assert.deepEqual(first, ['[REDACTED:ipv4]', 'mail [REDACTED:email] now', 'card [REDACTED:card] ok']);
  const perRound = scans.count;
  const findingsPerRound = r.stats.findings;
  assert.ok(findingsPerRound >= 3);
  const again = WITH_FINDINGS.map((s) => r.redact(s));
  assert.deepEqual(again, first);
  assert.equal(scans.count, 2 * perRound, 'each repeat went through the detectors');
  assert.equal(r.stats.findings, 2 * findingsPerRound);
  // The memo holds no input the detectors found something in (personal data stays out of it).
  r.redact(CLEAN[0]!);
  assert.deepEqual([...memo], [CLEAN[0]]);
});

test('strings are memoised only up to 256 characters, and never with custom detectors', () => {
  const r = redactor();
  const scans = countScans(r);
  const long = 'x'.repeat(300) + ' nothing to find';
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
  const first = 'first value, nothing to find';
  const out = r.redact(first);
  assert.equal(out, first);
  r.redact(first);
  assert.equal(scans.count, 1, 'a repeat right after is not scanned');
  const perCall = scans.count;
  for (let i = 0; i < 300; i++) r.redact(`distinct value ${i}`);
  const before = scans.count;
  assert.equal(r.redact(first), out);
  assert.equal(scans.count, before + perCall);
});
