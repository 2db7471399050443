import type { Redactor } from '@meridian/redact';
import type { AttributeValue, TextMapPropagator, Tracer, TracerProvider } from '@opentelemetry/api';
import type { MeridianConfig, PropagatorName, SamplerName } from '@meridian/config';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ExporterChoice } from './exporters.js';

/** Options passed in code; each one wins over the environment (`@meridian/config`). */
export interface TracingOptions {
  /** Parsed configuration to start from (default `getConfig()`; tests pass `loadConfig(env)`). */
  config?: MeridianConfig;
  /** `service.name` (default `OTEL_SERVICE_NAME` / `OTEL_RESOURCE_ATTRIBUTES`). */
  serviceName?: string;
  /** Extra resource attributes, applied over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Record<string, AttributeValue>;
  /** One or more exporters: instances and/or names (`otlp`, `zipkin`, `console`, `none`). Default `OTEL_TRACES_EXPORTER`. */
  exporter?: ExporterChoice | ExporterChoice[];
  /** Processors run before the exporting ones, in this order (after redaction). */
  spanProcessors?: SpanProcessor[];
  /**
   * Redaction of span names, attributes, events and status messages before export. Default: Meridian's
   * redactor configured by MERIDIAN_REDACT*; a `Redactor` of your own replaces it; `false` switches it
   * off (refused when NODE_ENV=production).
   */
  redaction?: Redactor | false;
  /** A sampler instance or name (default `OTEL_TRACES_SAMPLER`); `samplerArg` is the ratio for the ratio samplers, the target traces per second for `meridian_adaptive`. */
  sampler?: Sampler | SamplerName;
  samplerArg?: number;
  /** Propagator names (default `OTEL_PROPAGATORS`) or a propagator instance. */
  propagators?: PropagatorName[] | TextMapPropagator;
  /** Batch span processor settings (default `OTEL_BSP_*`). */
  batch?: { scheduleDelayMs?: number; exportTimeoutMs?: number; maxQueueSize?: number; maxExportBatchSize?: number };
  /** Upper bound for `shutdown()` and `forceFlush()` (default `MERIDIAN_SHUTDOWN_TIMEOUT_MS`, 5000). */
  timeoutMs?: number;
  /** Start as a no-op (default `OTEL_SDK_DISABLED`). */
  disabled?: boolean;
}

/** What `startTracing()` returns. */
export interface TracingHandle {
  /** False when tracing is disabled (`OTEL_SDK_DISABLED=true`): spans are non-recording. */
  readonly enabled: boolean;
  /** The registered tracer provider (the SDK's `NodeTracerProvider`, or the API's no-op one when disabled). */
  readonly provider: TracerProvider;
  /** A tracer from this provider (default name: the service name). */
  tracer(name?: string, version?: string): Tracer;
  /** Export what is buffered. Bounded by `timeoutMs`; never rejects (how it ended is the resolved value). */
  forceFlush(): Promise<SettleResult>;
  /**
   * Flush and stop; unregisters the global provider so tracing can be started again. Idempotent (the same
   * promise every time), bounded by `timeoutMs`, never rejects; resolves with how it ended.
   */
  shutdown(): Promise<SettleResult>;
}

/** How a bounded flush or shutdown ended: `timeout` means work may still be pending in the SDK. */
export type SettleResult = 'done' | 'timeout' | 'failed';
