// Type tests of @meridian/propagation's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import type { TextMapPropagator, Sampler } from '@opentelemetry/api';
import {
  type AdaptiveSamplerOptions,
  MeridianAdaptiveSampler,
  MeridianIdGenerator,
  W3CBaggageStrictPropagator,
  W3CTraceContextStrictPropagator,
  createMeridianPropagator,
} from '@meridian/propagation';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const propagator: TextMapPropagator = new W3CTraceContextStrictPropagator({ maxTraceStateLength: 512, anyCaseHeaderNames: true });
new W3CTraceContextStrictPropagator();
// @ts-expect-error: misspelt option (maxTraceStateLength)
new W3CTraceContextStrictPropagator({ maxTracestateLength: 512 });
// @ts-expect-error: the length is a number
new W3CTraceContextStrictPropagator({ maxTraceStateLength: '512' });
const baggage: TextMapPropagator = new W3CBaggageStrictPropagator();
const composite: TextMapPropagator = createMeridianPropagator(['tracecontext', 'baggage']);
createMeridianPropagator(['none']);
// @ts-expect-error: b3 is not one of Meridian's propagators
createMeridianPropagator(['b3']);

const samplerOptions: AdaptiveSamplerOptions = { targetPerSecond: 10, floor: 0.01, ceiling: 1, intervalMs: 1000, clock: () => 0 };
const sampler: Sampler = new MeridianAdaptiveSampler(samplerOptions);
// @ts-expect-error: misspelt option (targetPerSecond)
new MeridianAdaptiveSampler({ targetPerSec: 10 });
// @ts-expect-error: the floor is a probability, a number
new MeridianAdaptiveSampler({ floor: '1%' });
const ids = new MeridianIdGenerator();
expectTrue<Equal<ReturnType<typeof ids.generateTraceId>, string>>(true);
void [propagator, baggage, composite, sampler];
