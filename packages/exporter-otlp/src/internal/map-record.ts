/**
 * One Meridian log line → the parts of an OTLP LogRecord, shared by the protobuf and JSON encoders.
 * Runs at batch time (the transport calls `encode` off the caller's path), so parsing is fine here.
 */
import type { LogEntry } from '@meridian/transport';

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface MappedRecord {
  timeNs: bigint;
  observedNs: bigint;
  severityNumber: number;
  severityText: string;
  /** undefined: no body field at all. */
  body: JsonValue | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
  flags: number | undefined;
  /** Attribute keys and values in record order (pairs, so a `__proto__` key stays data). */
  attributes: [string, JsonValue][];
}

export interface ResourceGroup {
  /** The record's `service` field; undefined → the configured `service.name`. */
  service: string | undefined;
  records: MappedRecord[];
}

/** OpenTelemetry log data model: the first number of each severity range, and its short name. */
const SEVERITY_NUMBER: Record<string, number> = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };
const SEVERITY_TEXT: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'FATAL' };
const LEVEL_BY_VALUE = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;
const ZERO_ID = /^0+$/;
const FRACTION = /\.(\d+)(?:Z|[+-]\d\d:?\d\d)$/i;
const FLAGS = /^[0-9a-f]{1,2}$/i;

/** Keys of the Meridian record that become LogRecord fields rather than attributes. */
const CONSUMED = new Set(['timestamp', 'level', 'message', 'service', 'trace_id', 'span_id', 'trace_flags', 'error']);

/**
 * The access line of @meridian/http (one per request, finish.ts) under the names of the HTTP
 * semantic conventions (v1.45.0, HTTP spans; the server span carries the same), so a backend joins
 * the record to its span by attribute as well as by trace id. Other fields keep their names.
 */
const ACCESS_NAMES: ReadonlyMap<string, string> = new Map([
  ['method', 'http.request.method'],
  ['route', 'http.route'],
  ['path', 'url.path'],
  ['status', 'http.response.status_code'],
  ['bytes', 'http.response.body.size'],
  ['server_address', 'server.address'],
  ['user_agent', 'user_agent.original'],
  ['client_address', 'client.address'],
  ['aborted', 'meridian.http.aborted'],
]);

/**
 * Is this record the access line? Recognised by the shape @meridian/http always writes, all of it:
 * `method` a string, `status` an integer 100–599, `path` a string, `duration_ms` a number, and a
 * `route` key (the template, or null when no route matched). A record a caller logs with only
 * some of these (`{ status: 'active' }`, `{ method, status }`) keeps its own names.
 */
function isAccessLine(r: { [key: string]: JsonValue }): boolean {
  const status = r.status;
  return (
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 100 &&
    status <= 599 &&
    typeof r.method === 'string' &&
    typeof r.path === 'string' &&
    typeof r.duration_ms === 'number' &&
    (typeof r.route === 'string' || r.route === null)
  );
}

/** fixed64 holds 0 … 2^64−1 ns (1970 to 2554); times outside cannot be sent as they are. */
const MAX_NANOS = 2n ** 64n;

/** ISO 8601 → nanoseconds since the epoch, keeping sub-millisecond digits; undefined when unreadable or out of range. */
export function isoToNanos(text: string): bigint | undefined {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  let ns = BigInt(ms) * 1_000_000n;
  const m = FRACTION.exec(text);
  if (m !== null && m[1]!.length > 3) ns += BigInt(m[1]!.slice(3, 9).padEnd(6, '0'));
  return ns >= 0n && ns < MAX_NANOS ? ns : undefined;
}

/** The entry's own time (ms) in ns; the current time if it is unusable, so encoding never throws. */
function entryNanos(ms: number): bigint {
  const t = Number.isFinite(ms) && ms >= 0 && ms < 8.64e15 ? ms : Date.now();
  return BigInt(Math.trunc(t)) * 1_000_000n;
}

function levelName(entry: LogEntry): string {
  if (SEVERITY_NUMBER[entry.level] !== undefined) return entry.level;
  const i = Math.round(entry.levelValue / 10) - 1;
  return LEVEL_BY_VALUE[Math.max(0, Math.min(5, i))]!;
}

function isObject(v: unknown): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** error → semconv exception.type / exception.message / exception.stacktrace; other keys exception.<key>. */
function addError(err: JsonValue, out: [string, JsonValue][]): void {
  if (!isObject(err)) {
    if (typeof err === 'string') out.push(['exception.message', err]);
    else out.push(['error', err]);
    return;
  }
  for (const key of Object.keys(err)) {
    const v = err[key]!;
    if (key === 'type') out.push(['exception.type', v]);
    else if (key === 'message') out.push(['exception.message', v]);
    else if (key === 'stack') out.push(['exception.stacktrace', v]);
    else out.push([`exception.${key}`, v]);
  }
}

export function mapRecord(entry: LogEntry, parsed: { [key: string]: JsonValue } | undefined): MappedRecord {
  const level = levelName(entry);
  const entryNs = entryNanos(entry.time);
  const rec: MappedRecord = {
    timeNs: entryNs,
    observedNs: entryNs,
    severityNumber: SEVERITY_NUMBER[level]!,
    severityText: SEVERITY_TEXT[level]!,
    body: undefined,
    traceId: undefined,
    spanId: undefined,
    flags: undefined,
    attributes: [],
  };
  if (parsed === undefined) {
    // not a JSON object (never written by @meridian/logger): ship the line itself
    rec.body = entry.line;
    return rec;
  }
  const attrs = rec.attributes;
  const access = isAccessLine(parsed);
  for (const key of Object.keys(parsed)) {
    const v = parsed[key]!;
    if (!CONSUMED.has(key)) {
      const name = access ? ACCESS_NAMES.get(key) : undefined;
      if (name === undefined) attrs.push([key, v]);
      else if (v !== null) attrs.push([name, v]); // route null: no route matched, no http.route (as on the span)
      continue;
    }
    switch (key) {
      case 'timestamp': {
        const ns = typeof v === 'string' ? isoToNanos(v) : undefined;
        if (ns !== undefined) rec.timeNs = ns;
        else attrs.push([key, v]);
        break;
      }
      case 'message':
        rec.body = v;
        break;
      case 'trace_id':
        if (typeof v === 'string' && TRACE_ID.test(v) && !ZERO_ID.test(v)) rec.traceId = v.toLowerCase();
        else attrs.push([key, v]);
        break;
      case 'span_id':
        if (typeof v === 'string' && SPAN_ID.test(v) && !ZERO_ID.test(v)) rec.spanId = v.toLowerCase();
        else attrs.push([key, v]);
        break;
      case 'trace_flags':
        if (typeof v === 'string' && FLAGS.test(v)) rec.flags = parseInt(v, 16);
        else attrs.push([key, v]);
        break;
      case 'error':
        addError(v, attrs);
        break;
      // level: the entry's level is authoritative; service: the resource
      default:
        break;
    }
  }
  return rec;
}

/** Parse and map a batch, grouped by the record's `service` (first appearance order; order kept within a group). */
export function groupRecords(records: readonly LogEntry[]): ResourceGroup[] {
  const groups: ResourceGroup[] = [];
  const byService = new Map<string | undefined, ResourceGroup>();
  for (const entry of records) {
    let parsed: { [key: string]: JsonValue } | undefined;
    try {
      const v = JSON.parse(entry.line) as JsonValue;
      parsed = isObject(v) ? v : undefined;
    } catch {
      parsed = undefined;
    }
    const service = parsed !== undefined && typeof parsed.service === 'string' ? parsed.service : undefined;
    let g = byService.get(service);
    if (g === undefined) {
      g = { service, records: [] };
      byService.set(service, g);
      groups.push(g);
    }
    g.records.push(mapRecord(entry, parsed));
  }
  return groups;
}

/** Attribute values accepted for the resource. */
export type ResourceValue = string | number | boolean;

/** The resource of one group: the configured attributes with `service.name` from the record when it has one. */
export function resourceAttributes(base: Readonly<Record<string, ResourceValue>>, service: string | undefined): [string, JsonValue][] {
  const out: [string, JsonValue][] = [];
  for (const key of Object.keys(base)) if (key !== 'service.name') out.push([key, base[key]!]);
  const name = service ?? base['service.name'];
  if (name !== undefined) out.unshift(['service.name', name]);
  return out;
}

export const SCOPE_NAME = '@meridian/logger';
