/**
 * Meridian vs redact-pii (SyncRedactor, content-based) and @pinojs/redact (path-based, records),
 * on the same inputs, in one run: `pnpm --dir packages/redact bench`.
 * Throughput: operations per CPU-second of this (single-threaded) process, best of 3 rounds. CPU time
 * rather than wall time because the machine may be shared; still compare columns within one run.
 */
import { loadConfig } from '@meridian/config';
import { createRequire } from 'node:module';
import os from 'node:os';
import { createRedactor } from '../src/index.js';
import { generateCorpus, generateRecords } from '../test/corpus/generator.js';

const require = createRequire(import.meta.url);
const { SyncRedactor } = require('redact-pii') as { SyncRedactor: new () => { redact(s: string): string } };
const pinoRedact = require('@pinojs/redact') as (o: { paths: string[]; serialize: boolean; censor?: string }) => (o: object) => object;

const meridian = createRedactor({ config: loadConfig({}), enabled: true, mode: 'mask' });
// The inputs below cycle over a few hundred distinct strings: the redactor's memo of recent strings would
// answer most calls without scanning. Off here, so the figures are the scan's (what a string not seen a
// moment ago costs); a repeat costs one Map lookup.
(meridian as unknown as { memo: unknown }).memo = undefined;
const redactPii = new SyncRedactor();
const pinoPaths = [
  'password',
  '*.password',
  'user.password',
  'headers.authorization',
  'headers.cookie',
  'payment.cardNumber',
  'session_id',
  'user.contact.email',
  'user.contact.phone',
];
const pino = pinoRedact({ paths: pinoPaths, serialize: false });

const corpus = generateCorpus();
const positives = corpus.filter((s) => s.planted !== undefined);
const negatives = corpus.filter((s) => s.planted === undefined).map((s) => s.text);

/** Typical service log lines: nine in ten carry nothing sensitive. */
const CLEAN = [
  'GET /api/v1/orders/48213 200 12ms',
  'request completed status=200 duration_ms=14 route=/health',
  'cache miss for product catalogue, refreshing',
  'worker 3 picked up job from queue payments-high',
  'user session refreshed, expires in 3600s',
  'connected to redis in 3ms',
  'retrying request to upstream (attempt 2 of 5)',
  'order shipped, carrier=DHL, eta=2 days',
  'scheduled task reconcile-ledger finished in 812ms',
];
const lines: string[] = [];
for (let i = 0; i < 1000; i++) {
  if (i % 10 === 9) lines.push(positives[(i * 7) % positives.length]!.text);
  else if (i % 10 >= 6) lines.push(negatives[i % negatives.length]!);
  else lines.push(CLEAN[i % CLEAN.length]!);
}
const cleanOnly = Array.from({ length: 1000 }, (_, i) => CLEAN[i % CLEAN.length]!);

/**
 * Identifier-dense lines as they come out of real services: access lines with client addresses,
 * form-encoded and escaped bodies, env dumps, JSON in a message; 3–6 identifiers each.
 */
const DENSE = [
  '203.0.113.7 - - [01/Mar/2024:10:15:30 +0000] "GET /pay?email=jane%40example.com&card=4111+1111+1111+1111 HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"',
  'login ok user=jane.doe@example.com ip=2001:db8::8a2e:370:7334 phone=+44 20 7946 0958 card=5555555555554444',
  'env DB_PASS=s3cret AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY SMTP_PASS=hunter2',
  '{"msg":"payment failed\\n card 4111111111111111 iban DE89370400440532013000","user":"mei.chan@example.hk","ip":"198.51.100.23"}',
  '198.51.100.4 - - [01/Mar/2024:10:15:31 +0000] "POST /api/v1/signup HTTP/1.1" 201 88 "{\\x22email\\x22:\\x22bob@example.org\\x22,\\x22phone\\x22:\\x22+1 415 555 2671\\x22}"',
  'GET /quotes/4111111111111111 200 client=[2001:db8::1]:51234 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  'ssn 123-45-6789 nino AB123456C cn 11010519491231002X hkid A123456(3) from 203.0.113.99',
  'exec: migrate --db-password=hunter2 --auth-token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 --host 10.1.2.3',
];
const dense = Array.from({ length: 1000 }, (_, i) => DENSE[i % DENSE.length]!);

/** CPU milliseconds of this process: on a shared machine, wall time also counts time we were descheduled. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Operations per CPU-second, best of 3 rounds of ~`ms` CPU milliseconds each. */
function rate(fn: (i: number) => unknown, n: number, ms = 700): number {
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let count = 0;
    const t0 = cpuMs();
    let t = t0;
    while (t - t0 < ms) {
      for (let i = 0; i < n; i++) fn(i);
      count += n;
      t = cpuMs();
    }
    best = Math.max(best, count / ((t - t0) / 1000));
  }
  return best;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US').padStart(12);
}

const records = generateRecords(11, 200).map((r) => r.record);
// a ten-field record like a logger builds (time, level, msg, ids, request fields)
const tenField = Array.from({ length: 200 }, (_, i) => ({
  time: '2024-03-01T10:15:30.123Z',
  level: 'info',
  msg: i % 10 === 0 ? `login by ${positives[i]!.planted!.value}` : 'request completed',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  method: 'GET',
  route: '/api/v1/orders/:id',
  status: 200,
  duration_ms: 12.5,
  user_id: `u_${i}`,
}));

console.log(
  `node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (figures per CPU-second)`,
);
console.log('\nThroughput, operations per CPU-second (higher is better)');
console.log('case'.padEnd(52) + 'Meridian'.padStart(12) + 'redact-pii'.padStart(12) + '@pinojs/redact'.padStart(16));
console.log(
  'clean log lines/s (nothing to find)'.padEnd(52) +
    fmt(rate((i) => meridian.redact(cleanOnly[i]!), 1000)) +
    fmt(rate((i) => redactPii.redact(cleanOnly[i % 100]!), 100, 400)) +
    'n/a'.padStart(16),
);
console.log(
  'mixed log lines/s (10 % PII, 30 % look-alikes)'.padEnd(52) +
    fmt(rate((i) => meridian.redact(lines[i]!), 1000)) +
    fmt(rate((i) => redactPii.redact(lines[i]!), 1000, 400)) +
    'n/a'.padStart(16),
);
console.log(
  'identifier-dense lines/s (3–6 identifiers each)'.padEnd(52) +
    fmt(rate((i) => meridian.redact(dense[i]!), 1000)) +
    fmt(rate((i) => redactPii.redact(dense[i % 100]!), 100, 400)) +
    'n/a'.padStart(16),
);
console.log(
  '10-field records/s'.padEnd(52) +
    fmt(rate((i) => meridian.redact(tenField[i]!), 200)) +
    'n/a'.padStart(12) +
    fmt(rate((i) => pino(tenField[i]!), 200)).padStart(16),
);
console.log(
  'nested checkout records/s (PII in 6 places)'.padEnd(52) +
    fmt(rate((i) => meridian.redact(records[i]!), 200)) +
    'n/a'.padStart(12) +
    fmt(rate((i) => pino(records[i]!), 200)).padStart(16),
);

console.log('\nWhat each caught on the labelled sample (planted value gone from the output)');
const byType = new Map<string, { n: number; m: number; p: number }>();
for (const s of positives) {
  const t = byType.get(s.planted!.type) ?? { n: 0, m: 0, p: 0 };
  t.n++;
  if (!meridian.redact(s.text).includes(s.planted!.value)) t.m++;
  if (!redactPii.redact(s.text).includes(s.planted!.value)) t.p++;
  byType.set(s.planted!.type, t);
}
console.log('type'.padEnd(18) + 'planted'.padStart(8) + 'Meridian'.padStart(10) + 'redact-pii'.padStart(12));
let tm = 0;
let tp = 0;
for (const [type, t] of byType) {
  console.log(type.padEnd(18) + String(t.n).padStart(8) + String(t.m).padStart(10) + String(t.p).padStart(12));
  tm += t.m;
  tp += t.p;
}
console.log('all'.padEnd(18) + String(positives.length).padStart(8) + String(tm).padStart(10) + String(tp).padStart(12));
const negM = negatives.filter((x) => meridian.redact(x) !== x).length;
const negP = negatives.filter((x) => redactPii.redact(x) !== x).length;
console.log(`look-alike negatives changed (false positives): Meridian ${negM} / ${negatives.length}, redact-pii ${negP} / ${negatives.length}`);
const recs = generateRecords();
let recM = 0;
let recPino = 0;
for (const r of recs) {
  if (!r.secrets.some((x) => JSON.stringify(meridian.redact(r.record)).includes(x))) recM++;
  if (!r.secrets.some((x) => JSON.stringify(pino(r.record)).includes(x))) recPino++;
}
console.log(
  `structured records with no planted value left: Meridian ${recM} / ${recs.length}, @pinojs/redact (paths: ${pinoPaths.length}) ${recPino} / ${recs.length}`,
);
