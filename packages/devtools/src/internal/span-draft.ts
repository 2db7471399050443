/**
 * Turns a decoded span (from protobuf or JSON) into a DevSpan, or rejects it when its ids are
 * invalid (OTLP: trace_id is 16 bytes, span_id 8 bytes, neither all zeroes). Rejections are
 * counted and reported back to the sender as an OTLP partial success.
 */
import type { DevAttributes, DevScope, DevSpan, DevSpanEvent, DevSpanLink, DevSpanStatus } from '../model.js';

export interface DecodedBatch<T> {
  items: T[];
  rejected: number;
  /** The first rejection's reason, sent back as `partial_success.error_message`. */
  rejectReason: string;
}

export interface SpanDraft {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: number;
  start: bigint;
  end: bigint;
  attributes: DevAttributes;
  events: DevSpanEvent[];
  links: DevSpanLink[];
  status: DevSpanStatus;
}

const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export function isTraceId(id: string): boolean {
  return id.length === 32 && id !== ZERO_TRACE;
}

export function isSpanId(id: string): boolean {
  return id.length === 16 && id !== ZERO_SPAN;
}

export function reject<T>(batch: DecodedBatch<T>, reason: string): void {
  if (batch.rejected === 0) batch.rejectReason = reason;
  batch.rejected++;
}

export function finishSpan(d: SpanDraft, resource: DevAttributes, scope: DevScope, batch: DecodedBatch<DevSpan>): void {
  if (!isTraceId(d.traceId)) {
    reject(batch, `span "${d.name}" rejected: trace_id must be 16 bytes and not all zero (got "${d.traceId}")`);
    return;
  }
  if (!isSpanId(d.spanId)) {
    reject(batch, `span "${d.name}" rejected: span_id must be 8 bytes and not all zero (got "${d.spanId}")`);
    return;
  }
  const span: DevSpan = {
    traceId: d.traceId,
    spanId: d.spanId,
    traceState: d.traceState,
    flags: d.flags,
    name: d.name,
    kind: d.kind,
    startTimeUnixNano: d.start.toString(),
    endTimeUnixNano: d.end.toString(),
    durationMs: d.end > d.start ? Number(d.end - d.start) / 1e6 : 0,
    attributes: d.attributes,
    events: d.events,
    links: d.links,
    status: d.status,
    resource,
    scope,
  };
  // An empty or all-zero parent means a root span.
  if (d.parentSpanId !== '' && d.parentSpanId !== ZERO_SPAN) span.parentSpanId = d.parentSpanId;
  batch.items.push(span);
}
