import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readBool, readEnum, readInt, readKeyValues, readList, readNumber, readUrl } from '../internal/parsers.js';

export const TRACES_EXPORTERS = ['otlp', 'elasticsearch', 'zipkin', 'console', 'none'] as const;
export type TracesExporterName = (typeof TRACES_EXPORTERS)[number];

export const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  // @meridian/propagation's MeridianAdaptiveSampler: a per-second budget of sampled root traces
  // (OTEL_TRACES_SAMPLER_ARG), never below MERIDIAN_SAMPLER_FLOOR; children follow their parent.
  'meridian_adaptive',
] as const;
export type SamplerName = (typeof SAMPLERS)[number];

export const PROPAGATORS = ['tracecontext', 'baggage', 'none'] as const;
export type PropagatorName = (typeof PROPAGATORS)[number];

/** Propagators named by the OpenTelemetry specification that Meridian does not ship. */
const UNSUPPORTED_PROPAGATORS = ['b3', 'b3multi', 'jaeger', 'xray', 'ottrace'];

export const OTEL_LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
export type OtelLogLevel = (typeof OTEL_LOG_LEVELS)[number];

export const COMPRESSIONS = ['gzip', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface OtlpTracesConfig {
  /** Full URL spans are POSTed to. */
  url: string;
  headers: Record<string, string>;
  compression: Compression;
  timeoutMs: number;
}

export interface ZipkinConfig {
  /** `OTEL_EXPORTER_ZIPKIN_ENDPOINT`: where Zipkin v2 JSON spans are POSTed. */
  url: string;
}

export const DEFAULT_ZIPKIN_ENDPOINT = 'http://localhost:9411/api/v2/spans';

export interface BatchSpanConfig {
  scheduleDelayMs: number;
  exportTimeoutMs: number;
  maxQueueSize: number;
  maxExportBatchSize: number;
}

export interface TracingConfig {
  disabled: boolean;
  exporters: TracesExporterName[];
  otlp: OtlpTracesConfig;
  zipkin: ZipkinConfig;
  sampler: SamplerName;
  /** Ratio for the *traceidratio samplers, 0..1; sampled root traces per second for meridian_adaptive. */
  samplerArg: number;
  /** Lowest probability meridian_adaptive may use, 0..1 (MERIDIAN_SAMPLER_FLOOR). */
  samplerFloor: number;
  propagators: PropagatorName[];
  bsp: BatchSpanConfig;
  otelLogLevel: OtelLogLevel;
}

export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/** meridian_adaptive defaults: 10 sampled root traces per second, probability never below 1%. */
export const DEFAULT_ADAPTIVE_TARGET_PER_SECOND = 10;
export const DEFAULT_SAMPLER_FLOOR = 0.01;

/** Join a base endpoint and a signal path (`v1/traces`), as the OTLP exporter specification describes. */
export function signalUrl(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

function readPropagators(env: Env): PropagatorName[] {
  const v = raw(env, 'OTEL_PROPAGATORS');
  if (v === undefined) return ['tracecontext', 'baggage'];
  const kept: string[] = [];
  for (const part of v.split(',')) {
    const p = part.trim().toLowerCase();
    if (UNSUPPORTED_PROPAGATORS.includes(p)) {
      diagnose(ERR_CONFIG_INVALID, `OTEL_PROPAGATORS contains "${p}", which Meridian does not ship; accepted: ${PROPAGATORS.join(', ')}; ignoring that item`);
    } else if (p !== '') {
      kept.push(p);
    }
  }
  const list = readList({ OTEL_PROPAGATORS: kept.join(',') || 'tracecontext,baggage' }, 'OTEL_PROPAGATORS', PROPAGATORS, ['tracecontext', 'baggage']);
  return list.includes('none') ? [] : list;
}

/**
 * OTEL_TRACES_EXPORTER: the specification's `jaeger` exporter is deprecated and Meridian does not
 * ship it: Jaeger (1.35 and later) receives OTLP itself, so `otlp` pointed at Jaeger's OTLP port is
 * the way. Said once, then the item is skipped like any unknown one.
 */
function readExporters(env: Env): TracesExporterName[] {
  const v = raw(env, 'OTEL_TRACES_EXPORTER');
  if (v === undefined) return ['otlp'];
  const kept: string[] = [];
  for (const part of v.split(',')) {
    const p = part.trim().toLowerCase();
    if (p === 'jaeger') {
      diagnose(
        ERR_CONFIG_INVALID,
        'OTEL_TRACES_EXPORTER contains "jaeger", which Meridian does not ship: Jaeger receives OTLP directly ' +
          `(set otlp and OTEL_EXPORTER_OTLP_ENDPOINT to Jaeger's OTLP/HTTP port, 4318); accepted: ${TRACES_EXPORTERS.join(', ')}; ignoring that item`,
      );
    } else if (p !== '') {
      kept.push(part.trim());
    }
  }
  const list = readList({ OTEL_TRACES_EXPORTER: kept.join(',') || 'otlp' }, 'OTEL_TRACES_EXPORTER', TRACES_EXPORTERS, ['otlp']);
  return list.includes('none') ? [] : list;
}

export function readTracing(env: Env): TracingConfig {
  const base = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', DEFAULT_OTLP_ENDPOINT)!;
  const url = readUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined) ?? signalUrl(base, 'v1/traces');
  const headers = { ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') };
  const compression = readEnum(
    env,
    'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
    COMPRESSIONS,
    readEnum(env, 'OTEL_EXPORTER_OTLP_COMPRESSION', COMPRESSIONS, 'none'),
  );
  const timeoutMs = readInt(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', readInt(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1, 600_000), 1, 600_000);

  const sampler = readEnum(env, 'OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  let samplerArg = 1;
  if (sampler === 'traceidratio' || sampler === 'parentbased_traceidratio') {
    samplerArg = readNumber(env, 'OTEL_TRACES_SAMPLER_ARG', 1, 0, 1)!;
  } else if (sampler === 'meridian_adaptive') {
    samplerArg = readNumber(env, 'OTEL_TRACES_SAMPLER_ARG', DEFAULT_ADAPTIVE_TARGET_PER_SECOND, 0.001, 1_000_000)!;
  }
  const samplerFloor = sampler === 'meridian_adaptive' ? readNumber(env, 'MERIDIAN_SAMPLER_FLOOR', DEFAULT_SAMPLER_FLOOR, 0, 1)! : DEFAULT_SAMPLER_FLOOR;

  const maxQueueSize = readInt(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 2048, 1, 10_000_000);
  let maxExportBatchSize = readInt(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1, 10_000_000);
  if (maxExportBatchSize > maxQueueSize) {
    diagnose(
      ERR_CONFIG_INVALID,
      `OTEL_BSP_MAX_EXPORT_BATCH_SIZE=${showValue(String(maxExportBatchSize))} is larger than OTEL_BSP_MAX_QUEUE_SIZE (${maxQueueSize}); accepted: a batch size no larger than the queue; using ${maxQueueSize}`,
    );
    maxExportBatchSize = maxQueueSize;
  }

  return {
    disabled: readBool(env, 'OTEL_SDK_DISABLED', false),
    exporters: readExporters(env),
    otlp: { url, headers, compression, timeoutMs },
    zipkin: { url: readUrl(env, 'OTEL_EXPORTER_ZIPKIN_ENDPOINT', DEFAULT_ZIPKIN_ENDPOINT)! },
    sampler,
    samplerArg,
    samplerFloor,
    propagators: readPropagators(env),
    bsp: {
      scheduleDelayMs: readInt(env, 'OTEL_BSP_SCHEDULE_DELAY', 2000, 0, 600_000),
      exportTimeoutMs: readInt(env, 'OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1, 600_000),
      maxQueueSize,
      maxExportBatchSize,
    },
    otelLogLevel: readEnum(env, 'OTEL_LOG_LEVEL', OTEL_LOG_LEVELS, 'info'),
  };
}
