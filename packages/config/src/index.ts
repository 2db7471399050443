/**
 * @meridian/config — every MERIDIAN_* and OTEL_* environment variable Meridian reads is
 * parsed here, once. A bad value prints one diagnostic on stderr (variable, value, what is
 * accepted) and falls back to the default; nothing here throws. Options passed in code are
 * applied by each package on top of this (code > specific env > generic env > default).
 */
import type { Env } from './internal/parsers.js';
import { readCloudwatch, type CloudwatchConfig } from './sections/cloudwatch.js';
import { readElk, type ElkConfig } from './sections/elk.js';
import { readExportGuards, type ExportGuardsConfig } from './sections/exporters.js';
import { readHttp, type HttpConfig } from './sections/http.js';
import { readLogging, type LoggingConfig } from './sections/logging.js';
import { readOtlpLogs, readOtlpTraces, type OtlpLogsConfig, type OtlpSignalConfig } from './sections/otlp-logs.js';
import { readRedact, type RedactConfig } from './sections/redact.js';
import { readRuntime, type RuntimeConfig } from './sections/runtime.js';
import { readService, type ServiceConfig } from './sections/service.js';
import { readTracing, type TracingConfig } from './sections/tracing.js';
import { readTransport, type TransportConfig } from './sections/transport.js';

export interface MeridianConfig {
  service: ServiceConfig;
  log: LoggingConfig;
  tracing: TracingConfig;
  runtime: RuntimeConfig;
  redact: RedactConfig;
  transport: TransportConfig;
  http: HttpConfig;
  exportGuards: ExportGuardsConfig;
  cloudwatch: CloudwatchConfig;
  elk: ElkConfig;
  otlpLogs: OtlpLogsConfig;
  /** The OTLP span exporter (http/protobuf on Meridian's transport; http/json through the stock exporter). */
  otlpTraces: OtlpSignalConfig;
}

/** Parse a configuration from `env` (default: `process.env`). Reports problems; never throws. */
export function loadConfig(env: Env = process.env): MeridianConfig {
  return {
    service: readService(env),
    log: readLogging(env),
    tracing: readTracing(env),
    runtime: readRuntime(env),
    redact: readRedact(env),
    transport: readTransport(env),
    http: readHttp(env),
    exportGuards: readExportGuards(env),
    cloudwatch: readCloudwatch(env),
    elk: readElk(env),
    otlpLogs: readOtlpLogs(env),
    otlpTraces: readOtlpTraces(env),
  };
}

let cached: MeridianConfig | undefined;

/** The process-wide configuration, parsed from `process.env` on first use. */
export function getConfig(): MeridianConfig {
  if (cached === undefined) cached = loadConfig(process.env);
  return cached;
}

/** Drop the cached configuration so the next `getConfig()` reads `process.env` again (tests). */
export function resetConfig(): void {
  cached = undefined;
}

export { diagnose, setDiagnosticSink, resetDiagnostics, collectDiagnostics, captureDiagnostics, showValue } from './internal/diagnostics.js';
export type { DiagnosticCollector, DiagnosticSink } from './internal/diagnostics.js';
export {
  ERR_CONFIG_INVALID,
  SIZE_ACCEPTED,
  parseSize,
  raw,
  readBool,
  readEnum,
  readInt,
  readKeyValues,
  readList,
  readNumber,
  readSize,
  readStrings,
  readUrl,
} from './internal/parsers.js';
export type { Env } from './internal/parsers.js';
export { DEFAULT_SERVICE_NAME } from './sections/service.js';
export { buildResourceAttributes, detectedResourceAttributes, SERVICE_INSTANCE_ID } from './resource.js';
export type { ResourceAttributes, ResourceAttributeValue } from './resource.js';
export type { ServiceConfig } from './sections/service.js';
export { LOG_EXPORTERS, LOG_FORMATS, LOG_LEVELS, ROTATE_ACCEPTED, parseRotation } from './sections/logging.js';
export type { FileRotation, LogExporterName, LogFormat, LoggingConfig, LogLevelSetting, RotateInterval } from './sections/logging.js';
export {
  COMPRESSIONS,
  DEFAULT_OTLP_ENDPOINT,
  DEFAULT_ZIPKIN_ENDPOINT,
  OTEL_LOG_LEVELS,
  PROPAGATORS,
  SAMPLERS,
  TRACES_EXPORTERS,
  signalUrl,
} from './sections/tracing.js';
export type {
  BatchSpanConfig,
  Compression,
  OtelLogLevel,
  OtlpTracesConfig,
  PropagatorName,
  SamplerName,
  TracesExporterName,
  TracingConfig,
  ZipkinConfig,
} from './sections/tracing.js';
export type { RuntimeConfig } from './sections/runtime.js';
export type { HttpConfig } from './sections/http.js';
export type { ExportGuardsConfig } from './sections/exporters.js';
export {
  ERR_INSECURE_ENDPOINT,
  ERR_REGION_NOT_ALLOWED,
  ERR_REGION_UNKNOWN,
  MeridianError,
  checkEndpointSecurity,
  checkRegion,
  isLoopbackHost,
  regionMatches,
} from './guards.js';
// Exporter sections (issue 6), one line each:
export { CLOUDWATCH_RETENTION_DAYS, DEFAULT_CLOUDWATCH_LOG_STREAM, isCloudwatchRetention, parseCloudwatchRoutes } from './sections/cloudwatch.js';
export type { CloudwatchConfig, CloudwatchRoute } from './sections/cloudwatch.js';
export type { ElkConfig } from './sections/elk.js';
export { OTLP_PROTOCOLS } from './sections/otlp-logs.js';
export type { OtlpLogsConfig, OtlpProtocol, OtlpSignalConfig } from './sections/otlp-logs.js';
// Section exports of the redaction and transport work go below, one line each.
export { REDACT_HASH_KEY_MIN, REDACT_MODES, REDACT_TYPES, type RedactConfig, type RedactMode, type RedactType } from './sections/redact.js';
export { QUEUE_FULL_POLICIES, TRANSPORT_COMPRESSIONS, type QueueFullPolicy, type TransportCompression, type TransportConfig } from './sections/transport.js';
