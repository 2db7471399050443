// End-to-end: the two-region demo (`pnpm demo`) run as a test. Real processes — checkout (Express,
// TZ=Asia/Hong_Kong) and payments (Fastify, TZ=Europe/Berlin) started with
// `--import @meridian/node/register` — shipping spans and logs over OTLP/HTTP to the embedded
// collector of @meridian/devtools; then the demo's checks, and what a user reads in its views.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevLogRecord, DevSpan } from '@meridian/devtools';
import { CUSTOMERS, DECLINED_CARD, runChecks, runDemo, type CheckInput, type DemoResult } from '@meridian/example-two-region-demo';

const dir = mkdtempSync(join(tmpdir(), 'meridian-demo-test-'));
const htmlPath = join(dir, 'report.html');
let result: DemoResult;

before(
  async () => {
    result = await runDemo({ quiet: true, htmlPath });
  },
  { timeout: 60_000 },
);

after(() => rmSync(dir, { recursive: true, force: true }));

/** The printed section of one order: from its `── order <id>` title to the next one. */
function section(orderId: string): string {
  const start = result.text.indexOf(`── order ${orderId} `);
  assert.notEqual(start, -1, `no waterfall printed for order ${orderId}:\n${result.text}`);
  const next = result.text.indexOf('── order ', start + 1);
  return result.text.slice(start, next === -1 ? undefined : next);
}

for (const id of ['answers', 'links', 'utc', 'pii', 'errors', 'debug', 'regions', 'logs', 'shutdown']) {
  test(`demo check "${id}" passes`, () => {
    const c = result.checks.find((x) => x.id === id);
    assert.ok(c !== undefined, `the demo ran no check named ${id}`);
    assert.ok(c.ok, `[${id}] ${c.title}:\n  ${c.problems.join('\n  ')}\n${result.serviceOutput}`);
  });
}

test('the demo ends OK with one trace per request', () => {
  assert.equal(result.expectedTraces, CUSTOMERS.length);
  assert.equal(result.traces, CUSTOMERS.length, `collector traces: ${result.traces}`);
  assert.equal(result.spans, CUSTOMERS.length * 3, 'three spans per request: checkout SERVER, checkout CLIENT, payments SERVER');
  assert.match(result.failedTraceId ?? '', /^[0-9a-f]{32}$/);
  assert.ok(result.ok, result.problems.join('\n'));
});

test('the HTML report is written, masks personal data and shows UTC times', () => {
  assert.ok(existsSync(htmlPath), `no report at ${htmlPath}`);
  const html = readFileSync(htmlPath, 'utf8');
  assert.ok(html.includes('[REDACTED:card]'), 'the report shows no masked card');
  assert.ok(html.includes('[REDACTED:email]'), 'the report shows no masked e-mail address');
  for (const c of CUSTOMERS) {
    // as typed, digits only, and as a query string carries them (`%40`, `%2B…+…`)
    const query = (v: string): string => new URLSearchParams({ v }).toString().slice(2);
    for (const clear of [c.card, c.card.replace(/\D/g, ''), c.phone, c.email, query(c.email), query(c.phone)]) {
      assert.ok(!html.includes(clear), `the report shows ${clear} in clear`);
    }
  }
  for (const m of html.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?/g)) assert.equal(m[2], 'Z', `non-UTC time in the report: ${m[0]}`);
  assert.ok(html.includes(result.failedTraceId!), 'the report does not show the failing trace');
});

test('the declined order shows its errors and buffered debug lines; paid orders show no debug line', () => {
  const declined = CUSTOMERS.find((c) => c.card === DECLINED_CARD)!;
  const failing = section(declined.orderId);
  assert.match(failing, /✗ ERROR/, 'no span of the declined order is marked ERROR');
  assert.match(failing, /Z DEBUG cart loaded/, "checkout's buffered debug line is not shown");
  assert.match(failing, /Z DEBUG risk check passed/, "payments' buffered debug line is not shown");
  assert.match(failing, /Z ERROR payment of order/, "checkout's error line is not shown");
  for (const c of CUSTOMERS.filter((x) => x !== declined)) {
    const s = section(c.orderId);
    assert.doesNotMatch(s, / DEBUG /, `order ${c.orderId} (paid) shows debug lines`);
    assert.doesNotMatch(s, /✗ ERROR/, `order ${c.orderId} (paid) shows an error`);
    assert.match(s, /\[REDACTED:card\]/, `order ${c.orderId}: the masked card is not shown`);
  }
});

test('no service process is left running', () => {
  assert.equal(result.servicePids.length, 2);
  for (const pid of result.servicePids) {
    assert.ok(pid > 0, 'a service had no pid');
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, `service process ${pid} is still running`);
  }
});

test('the checks catch what they promise to catch (altered copies of the received data)', () => {
  const base = result.evidence;
  const baseline = new Set(runChecks(base).flatMap((c) => c.problems));
  const fresh = (input: CheckInput, id: string): string[] =>
    runChecks(input)
      .find((c) => c.id === id)!
      .problems.filter((p) => !baseline.has(p));
  const copy = (): CheckInput => structuredClone(base);
  const paid = base.requests.find((q) => q.customer.expect === 'paid')!;

  let x = copy();
  x.logs[0].body = `retrying card ${CUSTOMERS[0].card}`;
  assert.match(fresh(x, 'pii').join('\n'), new RegExp(`card ${CUSTOMERS[0].card} in clear`), 'a clear card in a log body went unnoticed');

  x = copy();
  x.spans[0].attributes['url.query'] = `receipt=${encodeURIComponent(CUSTOMERS[1].email)}`;
  assert.match(fresh(x, 'pii').join('\n'), /email .* in clear/, 'a percent-encoded e-mail in url.query went unnoticed');

  x = copy();
  const eightHours = 8n * 3600n * 1_000_000_000n;
  x.spans[0].startTimeUnixNano = String(BigInt(x.spans[0].startTimeUnixNano) + eightHours);
  assert.match(fresh(x, 'utc').join('\n'), /outside the run/, 'a span stamped 8 h off (local time as UTC) went unnoticed');

  x = copy();
  (x.services[0].fileLines as string[]).push(JSON.stringify({ timestamp: '2026-11-21T14:00:00.000+08:00', level: 'info', message: 'x' }));
  assert.match(fresh(x, 'utc').join('\n'), /not UTC/, 'a +08:00 timestamp in a log file went unnoticed');

  x = copy();
  const anyLog = x.logs.find((r) => r.traceId === paid.traceId)!;
  (x.logs as DevLogRecord[]).push({ ...anyLog, severityNumber: 5, severityText: 'DEBUG', body: 'should have stayed buffered' });
  assert.match(fresh(x, 'debug').join('\n'), /debug line\(s\) for a successful request/, 'a debug line in a paid request went unnoticed');

  x = copy();
  const paymentsSpan = x.spans.findIndex((s) => s.traceId === paid.traceId && s.resource['service.name'] === 'payments');
  (x.spans as DevSpan[]).splice(paymentsSpan, 1);
  assert.match(fresh(x, 'links').join('\n'), /expected one payments SERVER span/, 'a missing payments span went unnoticed');

  x = copy();
  x.spans[0].resource['cloud.region'] = 'us-east-1';
  assert.match(fresh(x, 'regions').join('\n'), /cloud\.region is "us-east-1"/, 'a wrong region went unnoticed');
});
