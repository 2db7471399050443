/**
 * The plain model every input (OTLP protobuf, OTLP JSON, Meridian NDJSON) is normalised into.
 * Timestamps are decimal strings of nanoseconds since the Unix epoch (UTC), so records survive
 * `JSON.stringify`; `'0'` means the sender left the time unset.
 */

/** An attribute or body value: string, boolean, number, bigint (int64 beyond 2^53), Uint8Array, array or object. */
export type DevValue = string | boolean | number | bigint | Uint8Array | null | DevValue[] | { [key: string]: DevValue };

export type DevAttributes = Record<string, DevValue>;

export interface DevScope {
  name: string;
  version: string;
}

export interface DevSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes: DevAttributes;
}

export interface DevSpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: DevAttributes;
}

/** OTLP status codes: 0 unset, 1 ok, 2 error. */
export interface DevSpanStatus {
  code: number;
  message: string;
}

export interface DevSpan {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  traceState: string;
  /** W3C trace flags and the OTLP remote bits (Span.flags), 0 when not sent. */
  flags: number;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  attributes: DevAttributes;
  events: DevSpanEvent[];
  links: DevSpanLink[];
  status: DevSpanStatus;
  resource: DevAttributes;
  scope: DevScope;
}

export interface DevLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  /** OTLP SeverityNumber 1–24 (9 info, 13 warn, 17 error, 21 fatal), 0 when unspecified. */
  severityNumber: number;
  severityText: string;
  body: DevValue;
  attributes: DevAttributes;
  eventName: string;
  traceId?: string;
  spanId?: string;
  resource: DevAttributes;
  scope: DevScope;
}

/** The spans of one trace, ordered by start time. */
export interface DevTrace {
  traceId: string;
  spans: DevSpan[];
  /** Service names (`service.name` of each span's resource) in order of first appearance. */
  services: string[];
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
}

export const SPAN_KIND_NAMES: readonly string[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

export function serviceOf(resource: DevAttributes): string {
  const name = resource['service.name'];
  return typeof name === 'string' && name !== '' ? name : 'unknown_service';
}
