/**
 * The enrich stage's trace part: the W3C ids of the span active in a context, as every Meridian
 * record writes them (lowercase hex, two-digit flags). One definition for the logger and the winston
 * format. A one-entry cache keyed by the span context object: the SDK returns the same object for
 * every `spanContext()` call on a span, so a request's ids are formatted once, not per record.
 */
import { context, isSpanContextValid, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** Fixed shape: the three fields, and the same as JSON members (`,"trace_id":"…","span_id":"…","trace_flags":"01"`). */
export interface TraceFields {
  readonly trace_id: string;
  readonly span_id: string;
  readonly trace_flags: string;
  /** The three members as JSON text with a leading comma, ready to splice into a record. */
  readonly json: string;
}

/** The keys the enrich stage writes on every record inside a span. */
export const TRACE_FIELD_KEYS = ['trace_id', 'span_id', 'trace_flags'] as const;

let lastContext: SpanContext | undefined;
let lastFlags = -1;
let lastFields: TraceFields | undefined;

/** The trace fields of the span active in `ctx`, or undefined outside a (valid) span. Never throws. */
export function traceFieldsOf(ctx: Context): TraceFields | undefined {
  const span = trace.getSpan(ctx);
  if (span === undefined) return undefined;
  let sc: SpanContext;
  try {
    sc = span.spanContext();
  } catch {
    return undefined;
  }
  if (sc === lastContext && sc.traceFlags === lastFlags) return lastFields;
  let fields: TraceFields | undefined;
  if (isSpanContextValid(sc)) {
    const traceId = sc.traceId.toLowerCase();
    const spanId = sc.spanId.toLowerCase();
    const n = (sc.traceFlags >>> 0) & 0xff;
    const flags = (n < 16 ? '0' : '') + n.toString(16);
    fields = {
      trace_id: traceId,
      span_id: spanId,
      trace_flags: flags,
      json: `,"trace_id":"${traceId}","span_id":"${spanId}","trace_flags":"${flags}"`,
    };
  }
  lastContext = sc;
  lastFlags = sc.traceFlags;
  lastFields = fields;
  return fields;
}

/** `traceFieldsOf(context.active())`. */
export function activeTraceFields(): TraceFields | undefined {
  return traceFieldsOf(context.active());
}
