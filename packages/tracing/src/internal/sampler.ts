import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-base';
import type { SamplerName } from '@meridian/config';
import { MeridianAdaptiveSampler } from '@meridian/propagation';

/**
 * Build the sampler named by `OTEL_TRACES_SAMPLER`. `arg` is `OTEL_TRACES_SAMPLER_ARG`: the ratio (0..1)
 * for the ratio samplers, the target sampled root traces per second for `meridian_adaptive`
 * (whose probability never drops below `floor`, `MERIDIAN_SAMPLER_FLOOR`).
 */
export function createSampler(name: SamplerName, arg: number, floor?: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(arg);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(arg) });
    case 'meridian_adaptive':
      return new MeridianAdaptiveSampler({ targetPerSecond: arg, ...(floor === undefined ? {} : { floor }) });
    case 'parentbased_always_on':
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}
