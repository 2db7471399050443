/**
 * Meridian record → Elastic Common Schema document (the mapping table is in README.md).
 * `@timestamp`, `log.level`, `message` come first, in that order, and `log.level` stays a dotted
 * top-level key, as the ecs-logging specification asks; `ecs.version` follows. Known fields get
 * their ECS names; everything else goes to `labels` as flat strings, so arbitrary caller fields
 * can neither create new mappings beyond `labels.*` nor fail a document on a type conflict. Label
 * keys are made names Elasticsearch takes (`labelKey`); two that end up the same both stay.
 */
import { isIP } from 'node:net';
import { ECS_PASSTHROUGH, fitsType, put } from './internal/ecs-fields.js';
import { freeKey, labelKey } from './internal/field-names.js';

/** The ECS version the documents conform to (`ecs.version`). */
export const ECS_VERSION = '8.11.0';

/** At most this many `labels` keys per document; the rest are kept as JSON in `labels.meridian_overflow`. */
export const MAX_LABELS = 64;

export type EcsDocument = Record<string, unknown>;

export interface ToEcsDefaults {
  /** Used when the record has no `timestamp` string (epoch ms). Default: now. */
  time?: number;
  /** Used when the record has no `level` string. Default: `info`. */
  level?: string;
}

const METHOD = /^[A-Z]{3,10}$/;
/** Where labels beyond MAX_LABELS go, as one JSON string with the original keys; a caller field of that name gets `_2`. */
const OVERFLOW_LABEL = 'meridian_overflow';

const P_SERVICE = ['service', 'name'];
const P_TRACE = ['trace', 'id'];
const P_SPAN = ['span', 'id'];
const P_REQUEST_ID = ['http', 'request', 'id'];
const P_METHOD = ['http', 'request', 'method'];
const P_STATUS = ['http', 'response', 'status_code'];
const P_BYTES = ['http', 'response', 'body', 'bytes'];
const P_PATH = ['url', 'path'];
const P_SERVER_ADDRESS = ['server', 'address'];
const P_USER_AGENT = ['user_agent', 'original'];
const P_CLIENT_ADDRESS = ['client', 'address'];
const P_CLIENT_IP = ['client', 'ip'];
const P_DURATION = ['event', 'duration'];
const P_ORIGIN_FILE = ['log', 'origin', 'file', 'name'];
const P_ORIGIN_LINE = ['log', 'origin', 'file', 'line'];
const P_ORIGIN_FUNCTION = ['log', 'origin', 'function'];

/**
 * One Meridian record (its JSON line, or the parsed object) as an ECS document. Never throws:
 * a line that is not a JSON object becomes a document whose `message` is the line itself and
 * `labels.meridian_unparsed` is `"true"`.
 */
export function toEcs(record: string | Readonly<Record<string, unknown>>, defaults?: ToEcsDefaults): EcsDocument {
  let r: Record<string, unknown> | undefined;
  if (typeof record === 'string') {
    try {
      const parsed: unknown = JSON.parse(record);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) r = parsed as Record<string, unknown>;
    } catch {
      r = undefined;
    }
    if (r === undefined) {
      return {
        '@timestamp': new Date(defaults?.time ?? Date.now()).toISOString(),
        'log.level': defaults?.level ?? 'info',
        message: record,
        'ecs.version': ECS_VERSION,
        labels: { meridian_unparsed: 'true' },
      };
    }
  } else {
    r = record as Record<string, unknown>;
  }
  const doc: EcsDocument = {
    '@timestamp': typeof r.timestamp === 'string' ? r.timestamp : new Date(defaults?.time ?? Date.now()).toISOString(),
    'log.level': typeof r.level === 'string' ? r.level : (defaults?.level ?? 'info'),
    message: typeof r.message === 'string' ? r.message : r.message === undefined ? '' : stringify(r.message),
    'ecs.version': ECS_VERSION,
  };
  const labels: Record<string, string> = {};
  let nLabels = 0;
  let overflow: Record<string, unknown> | undefined;
  // access-log fields (method, status, path, bytes, server_address, user_agent, client_address) map to
  // http.*/url.*/server.*/user_agent.*/client.* only as a set: a lone
  // `status: "active"` is not an HTTP status
  const access =
    typeof r.status === 'number' && Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 && typeof r.method === 'string' && METHOD.test(r.method);
  for (const key in r) {
    const v = r[key];
    if (v === undefined) continue;
    switch (key) {
      case 'timestamp':
      case 'level':
      case 'message':
        continue;
      case 'service':
        if (typeof v === 'string') {
          put(doc, P_SERVICE, v);
          continue;
        }
        break;
      case 'trace_id':
        if (typeof v === 'string') {
          put(doc, P_TRACE, v);
          continue;
        }
        break;
      case 'span_id':
        if (typeof v === 'string') {
          put(doc, P_SPAN, v);
          continue;
        }
        break;
      case 'error':
        putError(doc, v);
        continue;
      case 'request_id':
      case 'requestId':
        if (typeof v === 'string') {
          put(doc, P_REQUEST_ID, v);
          continue;
        }
        break;
      case 'method':
        if (access) {
          put(doc, P_METHOD, v);
          continue;
        }
        break;
      case 'status':
        if (access) {
          put(doc, P_STATUS, v);
          continue;
        }
        break;
      case 'path':
        if (access && typeof v === 'string') {
          put(doc, P_PATH, v);
          continue;
        }
        break;
      case 'bytes':
        if (access && typeof v === 'number' && Number.isSafeInteger(v)) {
          put(doc, P_BYTES, v);
          continue;
        }
        break;
      case 'server_address':
        if (access && typeof v === 'string') {
          put(doc, P_SERVER_ADDRESS, v);
          continue;
        }
        break;
      case 'user_agent':
        if (access && typeof v === 'string') {
          put(doc, P_USER_AGENT, v);
          continue;
        }
        break;
      case 'client_address':
        // ECS: the raw address in client.address, copied to client.ip when it is one (a redacted value is not)
        if (access && typeof v === 'string') {
          put(doc, P_CLIENT_ADDRESS, v);
          if (isIP(v) !== 0 && (doc.client as { ip?: unknown }).ip === undefined) put(doc, P_CLIENT_IP, v); // a caller's client.ip wins
          continue;
        }
        break;
      case 'duration_ms':
        // ECS event.duration is in nanoseconds (long)
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
          put(doc, P_DURATION, Math.round(v * 1e6));
          continue;
        }
        break;
      case 'caller':
        if (putCaller(doc, v)) continue;
        break;
      default: {
        const ecs = ECS_PASSTHROUGH.get(key);
        if (ecs !== undefined && fitsType(v, ecs.type)) {
          put(doc, ecs.path, v);
          continue;
        }
      }
    }
    if (v === null) continue;
    if (nLabels < MAX_LABELS) {
      let k = labelKey(key);
      if (hasOwn(labels, k) || k === OVERFLOW_LABEL) k = freeKey(k, (c) => hasOwn(labels, c) || c === OVERFLOW_LABEL);
      setOwn(labels, k, typeof v === 'string' ? v : stringify(v));
      nLabels++;
    } else {
      setOwn((overflow ??= {}), key, v);
    }
  }
  if (overflow !== undefined) labels[OVERFLOW_LABEL] = stringify(overflow);
  if (nLabels > 0 || overflow !== undefined) doc.labels = labels;
  return doc;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `o[k] = v`, also for k === '__proto__' (a plain assignment would set the prototype, or do nothing, and lose the field). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A label value: ECS labels are flat strings (numbers and booleans as text, anything else as JSON). */
export function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

interface ErrorShape {
  type?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** Meridian's { type, message, stack, code, cause } → error.type/message/stack_trace/code; causes appended to the stack trace. */
function putError(doc: EcsDocument, v: unknown): void {
  if (typeof v !== 'object' || v === null) {
    if (v !== null) doc.error = { message: stringify(v) };
    return;
  }
  const e = v as ErrorShape;
  const out: Record<string, unknown> = {};
  if (typeof e.type === 'string') out.type = e.type;
  if (e.message !== undefined) out.message = stringify(e.message);
  let trace = typeof e.stack === 'string' ? e.stack : undefined;
  let cause = e.cause;
  for (let depth = 0; cause !== undefined && cause !== null && depth < 8; depth++) {
    const c = cause as ErrorShape;
    const text =
      typeof cause !== 'object' ? stringify(cause) : typeof c.stack === 'string' ? c.stack : `${stringify(c.type ?? 'Error')}: ${stringify(c.message ?? '')}`;
    trace = (trace ?? '') + '\nCaused by: ' + text;
    cause = typeof cause === 'object' ? c.cause : undefined;
  }
  if (trace !== undefined) out.stack_trace = trace;
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = String(e.code);
  doc.error = out;
}

/** `caller: { file, line, function }` → log.origin.* (false when it has none of them). */
function putCaller(doc: EcsDocument, v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { file?: unknown; line?: unknown; function?: unknown };
  let any = false;
  if (typeof c.file === 'string') {
    put(doc, P_ORIGIN_FILE, c.file);
    any = true;
  }
  if (typeof c.line === 'number' && Number.isSafeInteger(c.line)) {
    put(doc, P_ORIGIN_LINE, c.line);
    any = true;
  }
  if (typeof c.function === 'string') {
    put(doc, P_ORIGIN_FUNCTION, c.function);
    any = true;
  }
  return any;
}
