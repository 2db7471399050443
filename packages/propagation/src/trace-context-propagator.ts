import { isSpanContextValid, trace, type Context, type SpanContext, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';
import { isTracingSuppressed, readHeader } from './internal/carrier.js';
import { FLAG_RANDOM, FLAG_SAMPLED, formatTraceParent, parseTraceParent } from './internal/traceparent.js';
import { MeridianTraceState } from './trace-state.js';
import { isRandomTrace } from './random-flag.js';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** Spec: "Vendors SHOULD propagate at least 512 characters of a combined header." */
export const DEFAULT_MAX_TRACESTATE_LENGTH = 512;

export interface TraceContextPropagatorOptions {
  /**
   * Longest tracestate this service emits for spans it created (default 512, the spec's
   * recommended minimum). Entries are removed whole, as the spec orders. A remote context
   * forwarded unchanged keeps its full tracestate: the spec forbids modifying tracestate when
   * traceparent is unchanged.
   */
  maxTraceStateLength?: number;
  /** Match header names in any case via `getter.keys()` when the exact lookup misses (default false). */
  anyCaseHeaderNames?: boolean;
}

/** What the propagator rejected or trimmed, since it was created. */
export interface TraceContextCounters {
  /** traceparent headers accepted. */
  extracted: number;
  /** traceparent present but invalid: the trace restarts. */
  traceparentInvalid: number;
  /** Two or more traceparent headers: the trace restarts. */
  traceparentDuplicated: number;
  /** tracestate discarded whole (malformed member, > 32 members, too long). */
  tracestateDiscarded: number;
  /** tracestate entries removed on inject to stay within maxTraceStateLength. */
  tracestateEntriesTruncated: number;
  /** Later copies of a duplicated tracestate key removed on inject for spans created here (the left-most is kept). */
  tracestateDuplicatesRemoved: number;
  /** Foreign TraceState objects whose serialization was not a valid list: not sent. */
  tracestateInvalidOnInject: number;
}

/**
 * W3C Trace Context Level 2, strictly: see the acceptance table in the package README.
 * Extract never throws; invalid input leaves the context as it was (the trace restarts).
 */
export class W3CTraceContextStrictPropagator implements TextMapPropagator {
  private readonly _maxTraceState: number;
  private readonly _anyCase: boolean;
  private readonly _counters: TraceContextCounters = {
    extracted: 0,
    traceparentInvalid: 0,
    traceparentDuplicated: 0,
    tracestateDiscarded: 0,
    tracestateEntriesTruncated: 0,
    tracestateDuplicatesRemoved: 0,
    tracestateInvalidOnInject: 0,
  };
  /** Validated serialization of foreign TraceState objects (one per trace, shared by its spans). */
  private readonly _foreign = new WeakMap<object, MeridianTraceState | null>();

  constructor(options: TraceContextPropagatorOptions = {}) {
    const max = options.maxTraceStateLength ?? DEFAULT_MAX_TRACESTATE_LENGTH;
    this._maxTraceState = Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_TRACESTATE_LENGTH;
    this._anyCase = options.anyCaseHeaderNames === true;
  }

  /** A snapshot of the counters. */
  counters(): TraceContextCounters {
    return { ...this._counters };
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const sc = trace.getSpanContext(context);
    if (sc === undefined || !isSpanContextValid(sc) || isTracingSuppressed(context)) return;
    let flags = sc.traceFlags & FLAG_SAMPLED;
    if (isRandomTrace(sc)) flags |= FLAG_RANDOM;
    setter.set(carrier, TRACEPARENT_HEADER, formatTraceParent(sc.traceId, sc.spanId, flags));
    const ts = sc.traceState;
    if (ts === undefined) return;
    const state = ts instanceof MeridianTraceState ? ts : this._adopt(ts);
    if (state === undefined || state.size === 0) return;
    let header: string;
    if (sc.isRemote === true) {
      header = state.serialize(); // forwarded unchanged: tracestate must not change either (duplicates included)
    } else {
      const r = state.serializeWithin(this._maxTraceState);
      header = r.header;
      this._counters.tracestateEntriesTruncated += r.removed;
      this._counters.tracestateDuplicatesRemoved += r.duplicates;
    }
    if (header !== '') setter.set(carrier, TRACESTATE_HEADER, header);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      return this._extract(context, carrier, getter);
    } catch {
      return context; // a hostile getter must not break the request
    }
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }

  private _extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const tp = readHeader(getter, carrier, TRACEPARENT_HEADER, this._anyCase);
    if (tp === undefined) return context;
    if (typeof tp !== 'string') {
      this._counters.traceparentDuplicated++;
      return context;
    }
    const parsed = parseTraceParent(tp);
    if (parsed === undefined) {
      if (tp.indexOf(',') !== -1) this._counters.traceparentDuplicated++;
      else this._counters.traceparentInvalid++;
      return context;
    }
    this._counters.extracted++;
    const random = (parsed.traceFlags & FLAG_RANDOM) !== 0 ? parsed.traceId : undefined;
    let traceState: MeridianTraceState | undefined;
    const tsRaw = readHeader(getter, carrier, TRACESTATE_HEADER, this._anyCase);
    if (tsRaw !== undefined) {
      traceState = MeridianTraceState.parse(typeof tsRaw === 'string' ? tsRaw : tsRaw.join(','), random);
      if (traceState === undefined) this._counters.tracestateDiscarded++;
      else if (traceState.size === 0 && random === undefined) traceState = undefined; // empty header: nothing to carry
    }
    if (traceState === undefined && random !== undefined) traceState = MeridianTraceState.empty(random);
    const sc: SpanContext = {
      traceId: parsed.traceId,
      spanId: parsed.spanId,
      traceFlags: parsed.traceFlags,
      isRemote: true,
      traceState,
    };
    return trace.setSpanContext(context, sc);
  }

  /** Validate a TraceState from elsewhere (stock propagator, user code) once per object. */
  private _adopt(ts: object & { serialize(): string }): MeridianTraceState | undefined {
    const cached = this._foreign.get(ts);
    if (cached !== undefined) return cached ?? undefined;
    let state: MeridianTraceState | undefined;
    try {
      state = MeridianTraceState.parse(ts.serialize());
    } catch {
      state = undefined;
    }
    if (state === undefined) this._counters.tracestateInvalidOnInject++;
    this._foreign.set(ts, state ?? null);
    return state;
  }
}
