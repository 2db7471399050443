import { ROOT_CONTEXT, SamplingDecision, SpanKind } from '@opentelemetry/api';
import { MeridianAdaptiveSampler } from '../src/index.js';
import { prng, randomTraceId } from '../test/support/harness.js';

/** A stretch of simulated traffic whose root-span rate moves linearly from `from` to `to` per second. */
export interface Phase {
  seconds: number;
  from: number;
  to: number;
}

export interface RampOptions {
  budget: number;
  floor?: number;
  phases: Phase[];
  /** Width of a reporting window, simulated seconds. */
  windowSeconds: number;
  seed?: number;
  /** MeridianAdaptiveSampler's `correction` (default 0.5; 0 turns the shortfall feedback off). */
  correction?: number;
}

export interface RampRow {
  /** Window start and end, simulated seconds. */
  from: number;
  to: number;
  offeredPerSecond: number;
  sampledPerSecond: number;
  /** Probability in force at the end of the window. */
  probability: number;
}

/** The ramp the README table and the budget test use: 50/s, up 10x to 500/s, back down. Budget 20/s. */
export const STANDARD_RAMP: RampOptions = {
  budget: 20,
  floor: 0.01,
  windowSeconds: 10,
  seed: 42,
  phases: [
    { seconds: 60, from: 50, to: 50 },
    { seconds: 300, from: 50, to: 500 },
    { seconds: 60, from: 500, to: 500 },
    { seconds: 120, from: 500, to: 50 },
    { seconds: 60, from: 50, to: 50 },
  ],
};

/**
 * Drive a MeridianAdaptiveSampler with Poisson arrivals of root spans on a simulated clock
 * (random trace ids from a seeded PRNG), and report offered and sampled rates per window.
 */
export function simulateRamp(options: RampOptions): RampRow[] {
  const rand = prng(options.seed ?? 1);
  let nowMs = 0;
  const sampler = new MeridianAdaptiveSampler({
    targetPerSecond: options.budget,
    floor: options.floor,
    correction: options.correction,
    clock: () => nowMs,
  });
  const totalS = options.phases.reduce((s, p) => s + p.seconds, 0);
  const windowMs = options.windowSeconds * 1000;
  const rows: RampRow[] = [];
  let offered = 0;
  let sampled = 0;
  let windowEnd = windowMs;
  const rateAt = (tS: number): number => {
    let start = 0;
    for (const p of options.phases) {
      if (tS < start + p.seconds) return p.from + ((p.to - p.from) * (tS - start)) / p.seconds;
      start += p.seconds;
    }
    return options.phases[options.phases.length - 1]!.to;
  };
  for (;;) {
    const rate = rateAt(nowMs / 1000);
    nowMs += (-Math.log(1 - rand()) / rate) * 1000;
    while (nowMs >= windowEnd) {
      rows.push({
        from: (windowEnd - windowMs) / 1000,
        to: windowEnd / 1000,
        offeredPerSecond: offered / options.windowSeconds,
        sampledPerSecond: sampled / options.windowSeconds,
        probability: sampler.probability(),
      });
      offered = 0;
      sampled = 0;
      windowEnd += windowMs;
    }
    if (nowMs >= totalS * 1000) break;
    offered++;
    const r = sampler.shouldSample(ROOT_CONTEXT, randomTraceId(rand), 'root', SpanKind.SERVER, {}, []);
    if (r.decision === SamplingDecision.RECORD_AND_SAMPLED) sampled++;
  }
  return rows;
}
