import {
  isSpanContextValid,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Sampler,
  type SamplingResult,
  type SpanContext,
  type SpanKind,
} from '@opentelemetry/api';
import { FLAG_RANDOM } from './internal/traceparent.js';
import type { RandomTraceIdSource } from './id-generator.js';
import { MeridianTraceState } from './trace-state.js';

/**
 * True when the trace of `sc` is known to have a random trace id: its flags carry 0x02 (an
 * extracted remote parent), or its TraceState is a MeridianTraceState marked random for this
 * very trace id (what RandomTraceFlagSampler and the strict propagator attach).
 */
export function isRandomTrace(sc: SpanContext): boolean {
  if ((sc.traceFlags & FLAG_RANDOM) !== 0) return true;
  const ts = sc.traceState;
  return ts instanceof MeridianTraceState && ts.randomTraceId === sc.traceId;
}

/**
 * Wraps the SDK sampler so that the random-trace-id flag (0x02) reaches every outgoing
 * traceparent of a trace. The SDK sets a new span's traceFlags to SAMPLED or NONE from the
 * sampling decision, dropping 0x02; it does, however, give the span the TraceState the sampler
 * returns (or the parent's, when the sampler returns none). This wrapper makes sure that
 * TraceState is a MeridianTraceState marked random whenever:
 *  - the parent is known random (extracted with 0x02, or a marked local parent); or
 *  - the span is a root whose trace id `ids` generated (MeridianIdGenerator: CSPRNG ids).
 * The wire tracestate does not change; W3CTraceContextStrictPropagator reads the mark on inject.
 * Put it outermost: `new RandomTraceFlagSampler(parentBasedOrAdaptive, idGenerator)`.
 */
export class RandomTraceFlagSampler implements Sampler {
  private readonly _delegate: Sampler;
  private readonly _ids: RandomTraceIdSource | undefined;

  constructor(delegate: Sampler, ids: RandomTraceIdSource | undefined) {
    this._delegate = delegate;
    this._ids = ids;
  }

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const result = this._delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    const parent = trace.getSpanContext(context);
    let random: boolean;
    if (parent !== undefined && isSpanContextValid(parent)) {
      random = parent.traceId === traceId && isRandomTrace(parent);
      // The SDK inherits the parent's TraceState when the sampler returns none: already marked.
      if (random && result.traceState === undefined && parent.traceState instanceof MeridianTraceState && parent.traceState.randomTraceId === traceId)
        return result;
      if (random && result.traceState === undefined) {
        return { decision: result.decision, attributes: result.attributes, traceState: MeridianTraceState.markRandom(parent.traceState, traceId) };
      }
    } else {
      random = this._ids !== undefined && this._ids.generatedLast(traceId);
    }
    if (!random) return result;
    return { decision: result.decision, attributes: result.attributes, traceState: MeridianTraceState.markRandom(result.traceState, traceId) };
  }

  toString(): string {
    return `RandomTraceFlagSampler{${String(this._delegate)}}`;
  }
}
