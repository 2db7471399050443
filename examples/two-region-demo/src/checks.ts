/**
 * What the demo promises, checked on what the collector really received. Each check names what
 * failed in terms a user can look up in the waterfall (order id, trace id, span, service).
 */
import type { DevLogRecord, DevSpan, DevTrace } from '@meridian/devtools';
import type { DrivenRequest } from './drive.js';
import { LeakScanner } from './pii-scan.js';
import type { PlantedValue } from './scenario.js';

export interface CheckResult {
  /** Short name: answers, links, utc, pii, errors, debug, regions, logs, shutdown. */
  readonly id: string;
  /** What is promised, in a sentence. */
  readonly title: string;
  readonly ok: boolean;
  /** One line per thing that is wrong (empty when ok). */
  readonly problems: string[];
}

export interface ServiceFacts {
  readonly name: string;
  readonly region: string;
  /** The service's own log file (MERIDIAN_LOG_EXPORTERS=…,file), one JSON line per record. */
  readonly fileLines: readonly string[];
  readonly exit: { code: number | null; signal: string | null } | undefined;
}

export interface CheckInput {
  readonly requests: readonly DrivenRequest[];
  readonly spans: readonly DevSpan[];
  readonly logs: readonly DevLogRecord[];
  readonly traces: readonly DevTrace[];
  readonly services: readonly ServiceFacts[];
  readonly planted: readonly PlantedValue[];
  /** Wall-clock window of the run (epoch ms, taken by the runner): every timestamp must fall inside. */
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** What the user is shown: the text waterfalls and the HTML page. */
  readonly rendered: { readonly text: string; readonly html: string };
}

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** Any ISO-8601 date-time in rendered output; each must end in Z. */
const ISO_ANY = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?/g;

/** Below info: TRACE (1–4) and DEBUG (5–8) severities. */
const isDebug = (r: DevLogRecord): boolean => r.severityNumber >= 1 && r.severityNumber <= 8;
const isError = (r: DevLogRecord): boolean => r.severityNumber >= 17;
const serviceOf = (x: { resource: Record<string, unknown> }): string => String(x.resource['service.name']);
const label = (q: DrivenRequest): string => `order ${q.customer.orderId} (${q.customer.city}, trace ${q.traceId ?? 'unknown'})`;

export function runChecks(input: CheckInput): CheckResult[] {
  return [
    check('answers', 'checkout answered every request as expected', answers(input)),
    check('links', 'one trace per request across both services: checkout SERVER → checkout CLIENT → payments SERVER', links(input)),
    check('utc', 'every timestamp is UTC: log lines end in Z, received times fall inside the run, the views show Z', utc(input)),
    check('pii', 'no planted card number, phone number or e-mail address in what the collector received, the log files or the views', pii(input)),
    check('errors', 'the declined payment is an error in both services, the paid ones have none', errors(input)),
    check('debug', 'debug lines written for the failing request only (MERIDIAN_DEBUG_BUFFER)', debugLines(input)),
    check('regions', "every span and log record carries its service's cloud.region and deployment.environment", regions(input)),
    check('logs', "each request's log lines, from both services, are tied to its spans", logsInTraces(input)),
    check('shutdown', 'both services stopped cleanly on SIGTERM (logs and spans flushed)', shutdowns(input)),
  ];
}

function check(id: string, title: string, problems: string[]): CheckResult {
  return { id, title, ok: problems.length === 0, problems };
}

function answers({ requests }: CheckInput): string[] {
  const out: string[] = [];
  for (const q of requests) {
    const want = q.customer.expect === 'paid' ? 200 : 402;
    if (q.status !== want || q.outcome !== q.customer.expect) {
      out.push(`order ${q.customer.orderId}: checkout answered ${q.status} "${q.outcome ?? '(no JSON)'}", expected ${want} "${q.customer.expect}"`);
    }
    if (q.traceId === undefined) out.push(`order ${q.customer.orderId}: the answer has no server-timing trace header`);
  }
  return out;
}

function spansOf(input: CheckInput, traceId: string | undefined): DevSpan[] {
  return traceId === undefined ? [] : input.spans.filter((s) => s.traceId === traceId);
}

function logsOf(input: CheckInput, traceId: string | undefined): DevLogRecord[] {
  return traceId === undefined ? [] : input.logs.filter((r) => r.traceId === traceId);
}

function links(input: CheckInput): string[] {
  const out: string[] = [];
  if (input.traces.length !== input.requests.length) {
    out.push(
      `the collector holds ${input.traces.length} traces for ${input.requests.length} requests (ids: ${input.traces.map((t) => t.traceId).join(', ') || 'none'})`,
    );
  }
  for (const q of input.requests) {
    const spans = spansOf(input, q.traceId);
    const name = label(q);
    if (spans.length === 0) {
      out.push(`${name}: no span received`);
      continue;
    }
    const root = spans.filter((s) => s.parentSpanId === undefined);
    const server = root.length === 1 && root[0].kind === SERVER && serviceOf(root[0]) === 'checkout' ? root[0] : undefined;
    if (server === undefined) {
      out.push(`${name}: expected one root span, checkout SERVER; found ${root.map(describe).join(', ') || 'none'}`);
      continue;
    }
    if (q.spanId !== undefined && server.spanId !== q.spanId) {
      out.push(`${name}: server-timing names span ${q.spanId} but the checkout SERVER span is ${server.spanId}`);
    }
    const client = spans.filter((s) => s.parentSpanId === server.spanId);
    if (client.length !== 1 || client[0].kind !== CLIENT || serviceOf(client[0]) !== 'checkout') {
      out.push(
        `${name}: expected one checkout CLIENT span under ${describe(server)}; found ${client.map(describe).join(', ') || 'none'} (is outbound fetch instrumented?)`,
      );
      continue;
    }
    const remote = spans.filter((s) => s.parentSpanId === client[0].spanId);
    if (remote.length !== 1 || remote[0].kind !== SERVER || serviceOf(remote[0]) !== 'payments') {
      out.push(
        `${name}: expected one payments SERVER span under ${describe(client[0])}; found ${remote.map(describe).join(', ') || 'none'} (was traceparent propagated?)`,
      );
      continue;
    }
    if (spans.length !== 3) {
      const extra = spans.filter((s) => s !== server && s !== client[0] && s !== remote[0]);
      out.push(`${name}: unexpected spans ${extra.map(describe).join(', ')}`);
    }
  }
  return out;
}

function describe(s: DevSpan): string {
  const kind = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'][s.kind] ?? String(s.kind);
  return `"${s.name}" (${serviceOf(s)}, ${kind})`;
}

function utc(input: CheckInput): string[] {
  const out: string[] = [];
  const lo = BigInt(input.window.startMs - 1000) * 1_000_000n;
  const hi = BigInt(input.window.endMs + 1000) * 1_000_000n;
  const when = (ns: string): string => new Date(Number(BigInt(ns) / 1_000_000n)).toISOString();
  const inWindow = (ns: string): boolean => BigInt(ns) >= lo && BigInt(ns) <= hi;
  const run = `${new Date(input.window.startMs).toISOString()} … ${new Date(input.window.endMs).toISOString()}`;
  for (const s of input.spans) {
    if (!inWindow(s.startTimeUnixNano) || !inWindow(s.endTimeUnixNano)) {
      out.push(`span ${describe(s)} is stamped ${when(s.startTimeUnixNano)}, outside the run (${run}): local time taken for UTC?`);
    }
  }
  for (const r of input.logs) {
    if (!inWindow(r.timeUnixNano)) out.push(`log record "${String(r.body)}" (${serviceOf(r)}) is stamped ${when(r.timeUnixNano)}, outside the run (${run})`);
    if (r.attributes.timestamp !== undefined)
      out.push(`log record "${String(r.body)}" (${serviceOf(r)}) kept an unreadable timestamp ${JSON.stringify(r.attributes.timestamp)}`);
  }
  for (const svc of input.services) {
    if (svc.fileLines.length === 0) out.push(`${svc.name} wrote no line to its log file`);
    for (const line of svc.fileLines) {
      let ts: unknown;
      try {
        ts = (JSON.parse(line) as { timestamp?: unknown }).timestamp;
      } catch {
        out.push(`${svc.name} log file: not a JSON line: ${line.slice(0, 120)}`);
        continue;
      }
      if (typeof ts !== 'string' || !ISO_UTC.test(ts)) out.push(`${svc.name} log file: timestamp ${JSON.stringify(ts)} is not UTC ISO 8601 ending in Z`);
    }
  }
  for (const [view, text] of [
    ['text waterfall', input.rendered.text],
    ['HTML report', input.rendered.html],
  ] as const) {
    let seen = 0;
    for (const m of text.matchAll(ISO_ANY)) {
      seen++;
      if (m[1] !== 'Z') out.push(`${view} shows a timestamp that is not UTC: ${m[0]}`);
    }
    if (seen === 0) out.push(`${view} shows no timestamp at all`);
  }
  return out;
}

function pii(input: CheckInput): string[] {
  const scan = new LeakScanner(input.planted);
  for (const s of input.spans) scan.span(s);
  for (const r of input.logs) scan.log(r);
  for (const svc of input.services) svc.fileLines.forEach((l, i) => scan.text(l, `${svc.name} log file line ${i + 1}`));
  input.rendered.text.split('\n').forEach((l, i) => scan.text(l, `text waterfall line ${i + 1}`));
  input.rendered.html.split('\n').forEach((l, i) => scan.text(l, `HTML report line ${i + 1}`));
  const out = scan.leaks.map((l) => `${l.planted.kind} ${l.planted.value} in clear: ${l.where}: ${l.text}`);
  // The masks must be there: a scan of data that never carried the values would prove nothing.
  const bodies = input.logs.map((r) => (typeof r.body === 'string' ? r.body : '')).join('\n');
  for (const kind of ['card', 'phone', 'email']) {
    if (!bodies.includes(`[REDACTED:${kind}]`)) out.push(`no log message shows a masked ${kind} ([REDACTED:${kind}]): were the planted values logged at all?`);
  }
  if (!input.spans.some((s) => Object.values(s.attributes).some((v) => typeof v === 'string' && v.includes('[REDACTED')))) {
    out.push('no span attribute shows a mask: were the planted values put on spans at all?');
  }
  return out;
}

function errors(input: CheckInput): string[] {
  const out: string[] = [];
  for (const q of input.requests) {
    const spans = spansOf(input, q.traceId);
    const logs = logsOf(input, q.traceId);
    const name = label(q);
    if (q.customer.expect === 'declined') {
      const payments = spans.find((s) => s.kind === SERVER && serviceOf(s) === 'payments');
      const client = spans.find((s) => s.kind === CLIENT);
      if (payments?.status.code !== STATUS_ERROR) out.push(`${name}: the payments SERVER span is not ERROR (status ${payments?.status.code ?? 'missing'})`);
      else if (!payments.events.some((e) => e.name === 'exception')) out.push(`${name}: the payments SERVER span has no exception event`);
      if (client?.status.code !== STATUS_ERROR) out.push(`${name}: the checkout CLIENT span is not ERROR (status ${client?.status.code ?? 'missing'})`);
      for (const svc of ['checkout', 'payments']) {
        if (!logs.some((r) => isError(r) && serviceOf(r) === svc)) out.push(`${name}: ${svc} logged no error line in this trace`);
      }
    } else {
      for (const s of spans) if (s.status.code === STATUS_ERROR) out.push(`${name}: span ${describe(s)} is ERROR: ${s.status.message}`);
      for (const r of logs) if (isError(r)) out.push(`${name}: ${serviceOf(r)} logged an error: ${String(r.body)}`);
    }
  }
  return out;
}

function debugLines(input: CheckInput): string[] {
  const out: string[] = [];
  const failing = new Set(input.requests.filter((q) => q.customer.expect === 'declined').map((q) => q.traceId));
  for (const q of input.requests) {
    const debug = logsOf(input, q.traceId).filter(isDebug);
    if (q.customer.expect === 'declined') {
      for (const svc of ['checkout', 'payments']) {
        if (!debug.some((r) => serviceOf(r) === svc))
          out.push(`${label(q)}: no debug line from ${svc}, though the request failed (buffered debug lines must be written)`);
      }
    } else if (debug.length > 0) {
      out.push(`${label(q)}: ${debug.length} debug line(s) for a successful request, e.g. "${String(debug[0].body)}" (${serviceOf(debug[0])})`);
    }
  }
  const stray = input.logs.filter((r) => isDebug(r) && !failing.has(r.traceId));
  if (stray.length > 0 && out.length === 0) out.push(`${stray.length} debug line(s) outside the failing trace, e.g. "${String(stray[0].body)}"`);
  return out;
}

function regions(input: CheckInput): string[] {
  const out = new Set<string>();
  const expected = new Map(input.services.map((s) => [s.name, s.region]));
  const seen = new Set<string>();
  const look = (what: string, resource: Record<string, unknown>): void => {
    const svc = String(resource['service.name']);
    seen.add(svc);
    const region = expected.get(svc);
    if (region === undefined) out.add(`${what} from an unexpected service "${svc}"`);
    else if (resource['cloud.region'] !== region)
      out.add(`${what} of ${svc}: cloud.region is ${JSON.stringify(resource['cloud.region'])}, expected "${region}"`);
    if (resource['deployment.environment'] !== 'demo')
      out.add(`${what} of ${svc}: deployment.environment is ${JSON.stringify(resource['deployment.environment'])}, expected "demo"`);
  };
  for (const s of input.spans) look('span resource', s.resource);
  for (const r of input.logs) look('log resource', r.resource);
  for (const name of expected.keys()) if (!seen.has(name)) out.add(`nothing received from ${name}`);
  return [...out];
}

function logsInTraces(input: CheckInput): string[] {
  const out: string[] = [];
  for (const q of input.requests) {
    const ids = new Set(spansOf(input, q.traceId).map((s) => s.spanId));
    const logs = logsOf(input, q.traceId);
    for (const svc of ['checkout', 'payments']) {
      if (!logs.some((r) => serviceOf(r) === svc)) out.push(`${label(q)}: no log line from ${svc} carries this trace id`);
    }
    for (const r of logs) {
      if (r.spanId === undefined || !ids.has(r.spanId))
        out.push(`${label(q)}: log line "${String(r.body)}" (${serviceOf(r)}) names span ${r.spanId ?? 'none'}, not one of the trace's spans`);
    }
  }
  return out;
}

function shutdowns(input: CheckInput): string[] {
  const out: string[] = [];
  for (const svc of input.services) {
    const e = svc.exit;
    if (e === undefined) out.push(`${svc.name} did not exit`);
    else if (!(e.signal === 'SIGTERM' || e.code === 0 || e.code === 143)) out.push(`${svc.name} ended with ${e.signal ?? `code ${e.code}`} instead of SIGTERM`);
  }
  return out;
}
