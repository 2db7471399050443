/**
 * OpenTelemetry span attributes → the ECS / Elastic APM fields they stand for, as Elastic's OTLP
 * intake maps them (apm-data input/otlp/traces.go, read in 2026): HTTP, URL, client, user agent,
 * database and messaging fields, the span type and subtype, and the outcome. Both the current
 * semantic-convention names and the older ones (http.method, http.status_code, http.url,
 * db.system, net.peer.*) are recognised. What is not mapped becomes a label.
 */
import { isIP } from 'node:net';

export type Attrs = { readonly [key: string]: unknown };

export interface SpanFacts {
  method: string | undefined;
  statusCode: number | undefined;
  urlFull: string | undefined;
  urlPath: string | undefined;
  urlQuery: string | undefined;
  urlScheme: string | undefined;
  serverAddress: string | undefined;
  serverPort: number | undefined;
  clientAddress: string | undefined;
  userAgent: string | undefined;
  httpVersion: string | undefined;
  dbSystem: string | undefined;
  dbStatement: string | undefined;
  dbInstance: string | undefined;
  messagingSystem: string | undefined;
  messagingOperation: string | undefined;
  messagingDestination: string | undefined;
  rpcSystem: string | undefined;
  rpcService: string | undefined;
  peerService: string | undefined;
  /** Attributes that became ECS fields above (they do not become labels too). */
  consumed: Set<string>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number(v);
  return undefined;
};

/** The first of `keys` present with a usable value; the key is marked consumed. */
function pick<T>(a: Attrs, keys: readonly string[], read: (v: unknown) => T | undefined, consumed: Set<string>): T | undefined {
  for (const k of keys) {
    const v = read(a[k]);
    if (v !== undefined) {
      consumed.add(k);
      return v;
    }
  }
  return undefined;
}

export function readSpanFacts(a: Attrs): SpanFacts {
  const c = new Set<string>();
  return {
    method: pick(a, ['http.request.method', 'http.method'], str, c),
    statusCode: pick(a, ['http.response.status_code', 'http.status_code'], int, c),
    urlFull: pick(a, ['url.full', 'http.url'], str, c),
    urlPath: pick(a, ['url.path', 'http.target'], str, c),
    urlQuery: pick(a, ['url.query'], str, c),
    urlScheme: pick(a, ['url.scheme', 'http.scheme'], str, c),
    serverAddress: pick(a, ['server.address', 'net.peer.name', 'net.host.name', 'http.host'], str, c),
    serverPort: pick(a, ['server.port', 'net.peer.port', 'net.host.port'], int, c),
    clientAddress: pick(a, ['client.address', 'http.client_ip'], str, c),
    userAgent: pick(a, ['user_agent.original', 'http.user_agent'], str, c),
    httpVersion: pick(a, ['network.protocol.version', 'http.flavor'], str, c),
    dbSystem: pick(a, ['db.system.name', 'db.system'], str, c),
    dbStatement: pick(a, ['db.query.text', 'db.statement'], str, c),
    dbInstance: pick(a, ['db.namespace', 'db.name'], str, c),
    messagingSystem: pick(a, ['messaging.system'], str, c),
    messagingOperation: pick(a, ['messaging.operation.type', 'messaging.operation'], str, c),
    messagingDestination: pick(a, ['messaging.destination.name', 'messaging.destination'], str, c),
    rpcSystem: pick(a, ['rpc.system'], str, c),
    rpcService: pick(a, ['rpc.service'], str, c),
    peerService: pick(a, ['peer.service'], str, c),
    consumed: c,
  };
}

export function isHttp(f: SpanFacts): boolean {
  return f.method !== undefined || f.statusCode !== undefined || f.urlFull !== undefined || f.urlScheme !== undefined;
}

/** Elastic APM `span.type` / `span.subtype` / `span.action` of an exit or internal span. */
export function spanType(f: SpanFacts, kind: number): { type: string; subtype: string | undefined; action: string | undefined } {
  if (f.dbSystem !== undefined || f.dbStatement !== undefined)
    return { type: 'db', subtype: f.dbSystem, action: f.dbStatement !== undefined ? 'query' : undefined };
  if (f.messagingSystem !== undefined || f.messagingDestination !== undefined) {
    return { type: 'messaging', subtype: f.messagingSystem, action: f.messagingOperation ?? (kind === KIND_PRODUCER ? 'send' : undefined) };
  }
  if (f.rpcSystem !== undefined) return { type: 'external', subtype: f.rpcSystem, action: undefined };
  if (isHttp(f)) return { type: 'external', subtype: 'http', action: undefined };
  return kind === KIND_INTERNAL ? { type: 'app', subtype: 'internal', action: undefined } : { type: 'unknown', subtype: undefined, action: undefined };
}

/** Elastic APM `transaction.type`. */
export function transactionType(f: SpanFacts): string {
  if (f.messagingSystem !== undefined || f.messagingDestination !== undefined) return 'messaging';
  if (isHttp(f) || f.rpcSystem !== undefined) return 'request';
  return 'unknown';
}

/** API SpanKind numbers. */
export const KIND_INTERNAL = 0;
export const KIND_SERVER = 1;
export const KIND_CLIENT = 2;
export const KIND_PRODUCER = 3;
export const KIND_CONSUMER = 4;
export const KIND_NAMES = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

/**
 * `event.outcome`: the span status when set (OK → success, ERROR → failure); else, for HTTP, the
 * status code (a transaction fails at ≥ 500, an outgoing call at ≥ 400); else success, as
 * Elastic's OTLP intake decides (since APM 8.13 an UNSET status counts as success).
 */
export function outcome(statusCode: number, f: SpanFacts, transaction: boolean): 'success' | 'failure' {
  if (statusCode === 1) return 'success';
  if (statusCode === 2) return 'failure';
  if (f.statusCode !== undefined) return f.statusCode >= (transaction ? 500 : 400) ? 'failure' : 'success';
  return 'success';
}

/** `transaction.result`: `HTTP 2xx` … for HTTP; else `Success` / `Error` from the status. */
export function transactionResult(statusCode: number, f: SpanFacts): string {
  if (f.statusCode !== undefined) {
    const klass = Math.floor(f.statusCode / 100);
    return klass >= 1 && klass <= 5 ? `HTTP ${klass}xx` : `HTTP ${f.statusCode}`;
  }
  return statusCode === 2 ? 'Error' : 'Success';
}

export function ipOrUndefined(v: string | undefined): string | undefined {
  return v !== undefined && isIP(v) !== 0 ? v : undefined;
}
