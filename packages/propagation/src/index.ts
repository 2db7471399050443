/**
 * @meridian/propagation — strict W3C Trace Context Level 2 and Baggage propagators, the
 * random-trace-id flag carried across every hop, and an adaptive root sampler.
 * Runtime dependency: @opentelemetry/api only.
 */
export { DEFAULT_MAX_TRACESTATE_LENGTH, TRACEPARENT_HEADER, TRACESTATE_HEADER, W3CTraceContextStrictPropagator } from './trace-context-propagator.js';
export type { TraceContextCounters, TraceContextPropagatorOptions } from './trace-context-propagator.js';
export { BAGGAGE_HEADER, W3CBaggageStrictPropagator } from './baggage-propagator.js';
export type { BaggageCounters } from './baggage-propagator.js';
export { createMeridianPropagator } from './composite.js';
export type { MeridianPropagatorName } from './composite.js';
export { MeridianTraceState } from './trace-state.js';
export { MeridianIdGenerator } from './id-generator.js';
export type { IdGeneratorLike, RandomTraceIdSource } from './id-generator.js';
export { RandomTraceFlagSampler, isRandomTrace } from './random-flag.js';
export { DEFAULT_SAMPLER_FLOOR, DEFAULT_TARGET_PER_SECOND, MeridianAdaptiveSampler } from './adaptive-sampler.js';
export type { AdaptiveSamplerOptions, AdaptiveSamplerStats } from './adaptive-sampler.js';
