/**
 * @meridian/tracing — `startTracing()`: the OpenTelemetry Node SDK wired from the environment
 * (`@meridian/config`), sharing one context manager with `@meridian/context`.
 */
export { startTracing, addSpanProcessor, getTracing, ERR_TRACING_REGISTER, ERR_TRACING_SHUTDOWN, ERR_TRACING_STARTED } from './internal/start.js';
export type { SettleResult, TracingHandle, TracingOptions } from './internal/options.js';
export type { ExporterChoice } from './internal/exporters.js';
export { createPropagator } from './internal/propagator.js';
export { createSampler } from './internal/sampler.js';
export { buildResource } from './internal/resource.js';
export { RedactingSpanProcessor } from './internal/redacting-processor.js';
