import {
  SamplingDecision,
  isSpanContextValid,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Sampler,
  type SamplingResult,
  type SpanKind,
} from '@opentelemetry/api';
import { hexLcValue } from './internal/chars.js';
import { MeridianTraceState } from './trace-state.js';

export const DEFAULT_TARGET_PER_SECOND = 10;
export const DEFAULT_SAMPLER_FLOOR = 0.01;

export interface AdaptiveSamplerOptions {
  /** Budget: sampled root traces per second (OTEL_TRACES_SAMPLER_ARG). Default 10. */
  targetPerSecond?: number;
  /** Lowest probability ever used, 0..1 (MERIDIAN_SAMPLER_FLOOR). Wins over the budget. Default 0.01. */
  floor?: number;
  /** Highest probability ever used, 0..1. Default 1. */
  ceiling?: number;
  /** How often the probability is recomputed, in ms. Default 1000. */
  intervalMs?: number;
  /** Weight of the newest interval in the traffic estimate, (0, 1]. Default 0.5. */
  smoothing?: number;
  /**
   * Share of the running shortfall (budget minus sampled, decayed by half each interval) added to
   * the next interval's budget, 0..1. Corrects estimator lag and sampling noise. Default 0.5.
   */
  correction?: number;
  /** Milliseconds clock; inject a fake one in tests. Default performance.now. */
  clock?: () => number;
  /** Record the threshold as OpenTelemetry's `ot=th:` tracestate entry on sampled roots. Default true. */
  thresholdInTraceState?: boolean;
}

export interface AdaptiveSamplerStats {
  /** Probability applied to root spans now. */
  probability: number;
  /** Estimated root spans per second. */
  estimatedRootsPerSecond: number;
  rootsSeen: number;
  rootsSampled: number;
  /** Intervals in which the hard cap (2x budget) was reached and the floor applied for the rest. */
  intervalsCapped: number;
}

/** Probabilities are applied as a 16-bit rejection threshold (OpenTelemetry "th", precision 4). */
const SCALE = 65536;

const SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
const NOT_SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

function finiteIn(v: number | undefined, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : fallback;
}

/**
 * Keeps sampled ROOT traces near a per-second budget whatever the traffic: every interval it
 * estimates the root-span rate (EWMA) and sets probability = budget / rate, clamped to
 * [floor, ceiling]. Within an interval, once twice the interval's budget has been sampled, the
 * floor applies until the interval ends (surge guard). Children follow their parent's sampled
 * flag (parent-based by construction, so a trace is never cut in half).
 *
 * The decision is consistent per trace id: a root is sampled when the top 16 bits of the trace
 * id's random part (its right-most 7 bytes, W3C Level 2) are >= the rejection threshold, as
 * OpenTelemetry's consistent probability sampling defines it.
 */
export class MeridianAdaptiveSampler implements Sampler {
  private readonly _target: number;
  private readonly _floor: number;
  private readonly _ceiling: number;
  private readonly _intervalMs: number;
  private readonly _smoothing: number;
  private readonly _correction: number;
  private readonly _clock: () => number;
  private readonly _withTh: boolean;
  private readonly _hardCap: number;
  private readonly _floorThreshold: number;
  private readonly _floorResult: SamplingResult;

  private _threshold = 0;
  private _sampledResult: SamplingResult = SAMPLED;
  private _rate = 0;
  private _hasEstimate = false;
  private _intervalStart: number;
  private _intervalEnd: number;
  private _seen = 0;
  private _sampledInInterval = 0;
  private _rootsSeen = 0;
  private _rootsSampled = 0;
  private _intervalsCapped = 0;
  private _cappedThisInterval = false;
  /** Running shortfall in traces (positive: sampled fewer than the budget), decayed each interval. */
  private _shortfall = 0;
  private _clamped = true;
  private _resultThreshold = -1;

  constructor(options: AdaptiveSamplerOptions = {}) {
    this._target = finiteIn(options.targetPerSecond, Number.MIN_VALUE, Number.MAX_VALUE, DEFAULT_TARGET_PER_SECOND);
    this._floor = finiteIn(options.floor, 0, 1, DEFAULT_SAMPLER_FLOOR);
    this._ceiling = Math.max(this._floor, finiteIn(options.ceiling, 0, 1, 1));
    this._intervalMs = finiteIn(options.intervalMs, 1, 3_600_000, 1000);
    this._smoothing = finiteIn(options.smoothing, Number.MIN_VALUE, 1, 0.5);
    this._correction = finiteIn(options.correction, 0, 1, 0.5);
    this._clock = options.clock ?? (() => performance.now());
    this._withTh = options.thresholdInTraceState !== false;
    this._hardCap = Math.max(1, Math.ceil((2 * this._target * this._intervalMs) / 1000));
    this._floorThreshold = toThreshold(this._floor);
    this._floorResult = this._resultFor(this._floorThreshold);
    this._intervalStart = this._clock();
    this._intervalEnd = this._intervalStart + this._intervalMs;
    this._setThreshold(toThreshold(this._ceiling));
  }

  shouldSample(context: Context, traceId: string, _name: string, _kind: SpanKind, _attributes: Attributes, _links: Link[]): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent !== undefined && isSpanContextValid(parent)) {
      return (parent.traceFlags & 0x01) !== 0 ? SAMPLED : NOT_SAMPLED;
    }
    const now = this._clock();
    if (now >= this._intervalEnd) this._roll(now);
    this._seen++;
    this._rootsSeen++;
    let threshold = this._threshold;
    let result = this._sampledResult;
    if (this._sampledInInterval >= this._hardCap) {
      threshold = this._floorThreshold;
      result = this._floorResult;
      if (!this._cappedThisInterval) {
        this._cappedThisInterval = true;
        this._intervalsCapped++;
      }
    }
    if (randomness16(traceId) < threshold) return NOT_SAMPLED;
    this._sampledInInterval++;
    this._rootsSampled++;
    return result;
  }

  /** Probability currently applied to root spans. */
  probability(): number {
    return (SCALE - this._threshold) / SCALE;
  }

  stats(): AdaptiveSamplerStats {
    return {
      probability: this.probability(),
      estimatedRootsPerSecond: this._rate,
      rootsSeen: this._rootsSeen,
      rootsSampled: this._rootsSampled,
      intervalsCapped: this._intervalsCapped,
    };
  }

  toString(): string {
    return `MeridianAdaptiveSampler{target=${this._target}/s, floor=${this._floor}, ceiling=${this._ceiling}}`;
  }

  private _roll(now: number): void {
    const elapsed = Math.max(now - this._intervalStart, 1);
    const observed = (this._seen * 1000) / elapsed;
    if (!this._hasEstimate) {
      this._rate = observed;
      this._hasEstimate = true;
    } else {
      this._rate += this._smoothing * (observed - this._rate);
    }
    // Shortfall feedback: lag in the estimate and the binomial noise of sampling both show up as
    // sampled != budget; carrying half of the running difference into the next interval pulls
    // the windowed rate back to the budget. Not accumulated while the probability is clamped
    // (traffic below budget, or floor reached): nothing could have been done about it.
    const intervalS = this._intervalMs / 1000;
    if (this._clamped) this._shortfall = 0;
    else {
      const bound = 5 * this._target * intervalS;
      const s = this._shortfall * 0.5 + ((this._target * elapsed) / 1000 - this._sampledInInterval);
      this._shortfall = s > bound ? bound : s < -bound ? -bound : s;
    }
    const wanted = Math.max(0, this._target + (this._correction * this._shortfall) / intervalS);
    const p = this._rate > 0 ? wanted / this._rate : this._ceiling;
    this._clamped = p >= this._ceiling || p <= this._floor;
    this._setThreshold(toThreshold(Math.min(this._ceiling, Math.max(this._floor, p))));
    this._seen = 0;
    this._sampledInInterval = 0;
    this._cappedThisInterval = false;
    this._intervalStart = now;
    this._intervalEnd = now + this._intervalMs;
  }

  private _setThreshold(t: number): void {
    this._threshold = t;
    if (t === this._resultThreshold) return;
    this._resultThreshold = t;
    this._sampledResult = this._resultFor(t);
  }

  private _resultFor(t: number): SamplingResult {
    if (!this._withTh) return SAMPLED;
    return Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: MeridianTraceState.empty().set('ot', 'th:' + thText(t)) });
  }
}

/** Rejection threshold (0..65535) for probability p: sampled when randomness >= threshold. */
function toThreshold(p: number): number {
  const t = Math.round((1 - p) * SCALE);
  return t < 0 ? 0 : t > SCALE - 1 ? SCALE - 1 : t;
}

/** OpenTelemetry `th` text: the 56-bit threshold in hex, trailing zeros removed ("0" for 100%). */
export function thText(t: number): string {
  if (t === 0) return '0';
  return t.toString(16).padStart(4, '0').replace(/0+$/, '');
}

/**
 * Top 16 bits of the trace id's right-most 7 bytes (hex characters 18..21). Char codes are read
 * directly: no substring, no parseInt. A malformed id reads as 0 (never sampled below p = 1).
 */
export function randomness16(traceId: string): number {
  const a = hexLcValue(traceId.charCodeAt(18));
  const b = hexLcValue(traceId.charCodeAt(19));
  const c = hexLcValue(traceId.charCodeAt(20));
  const d = hexLcValue(traceId.charCodeAt(21));
  if ((a | b | c | d) < 0) return 0;
  return (a << 12) | (b << 8) | (c << 4) | d;
}
