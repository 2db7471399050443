/**
 * What the format reads at the call site, with one-entry caches: the UTC timestamp (@meridian/logger's
 * isoTime, once per millisecond), the trace fields (once per span context object; the SDK returns the same object for
 * every call on a span) and the redacted request-context fields (once per context snapshot, which
 * @meridian/context replaces, never mutates).
 */
import { context, isSpanContextValid, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { getContextFrom, type ContextFields } from '@meridian/context';
import type { Redactor } from '@meridian/redact';

/** UTC ISO 8601 with milliseconds and Z, cached per millisecond: the logger's, so both stamp alike. */
export { isoTime } from '@meridian/logger';

/** Fixed shape: the three W3C fields as the logger writes them (lowercase hex). */
export interface TraceFields {
  readonly trace_id: string;
  readonly span_id: string;
  readonly trace_flags: string;
}

let lastSpanContext: SpanContext | undefined;
let lastFlags = -1;
let lastTrace: TraceFields | undefined;

export function traceFieldsOf(ctx: Context): TraceFields | undefined {
  const span = trace.getSpan(ctx);
  if (span === undefined) return undefined;
  const sc = span.spanContext();
  if (sc === lastSpanContext && sc.traceFlags === lastFlags) return lastTrace;
  const n = (sc.traceFlags >>> 0) & 0xff;
  const fields = isSpanContextValid(sc)
    ? { trace_id: sc.traceId.toLowerCase(), span_id: sc.spanId.toLowerCase(), trace_flags: (n < 16 ? '0' : '') + n.toString(16) }
    : undefined;
  lastSpanContext = sc;
  lastFlags = sc.traceFlags;
  lastTrace = fields;
  return fields;
}

export function activeContext(): Context {
  return context.active();
}

/** Request-context fields, redacted once per snapshot object and redactor. */
export class ContextFieldsCache {
  private readonly cache = new WeakMap<ContextFields, Readonly<Record<string, unknown>>>();
  private lastIn: ContextFields | undefined;
  private lastOut: Readonly<Record<string, unknown>> | undefined;
  constructor(private readonly redactor: Redactor | undefined) {}

  fieldsOf(ctx: Context): Readonly<Record<string, unknown>> | undefined {
    const snap = getContextFrom(ctx);
    if (snap === undefined) return undefined;
    if (snap === this.lastIn) return this.lastOut;
    let out = this.cache.get(snap);
    if (out === undefined) {
      out = this.redactor === undefined ? snap : this.redactor.redact(snap as Record<string, unknown>);
      this.cache.set(snap, out);
    }
    this.lastIn = snap;
    this.lastOut = out;
    return out;
  }
}
