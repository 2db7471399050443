import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readEnum, readInt, readKeyValues, readUrl } from '../internal/parsers.js';
import { COMPRESSIONS, type Compression, DEFAULT_OTLP_ENDPOINT, signalUrl } from './tracing.js';

export const OTLP_LOG_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpLogProtocol = (typeof OTLP_LOG_PROTOCOLS)[number];

/** Settings of the otlp log exporter (@meridian/exporter-otlp). */
export interface OtlpLogsConfig {
  /**
   * Full URLs records are POSTed to, in order of preference (the first is the primary).
   * `MERIDIAN_OTLP_LOGS_ENDPOINTS` (comma-separated, each used as is) if set, else
   * `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` (as is), else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/logs`.
   */
  endpoints: string[];
  protocol: OtlpLogProtocol;
  /** Generic `OTEL_EXPORTER_OTLP_HEADERS` overlaid by `OTEL_EXPORTER_OTLP_LOGS_HEADERS`. */
  headers: Record<string, string>;
  /** undefined when neither compression variable is set (the transport's choice then: gzip). */
  compression: Compression | undefined;
  timeoutMs: number;
  /** `MERIDIAN_OTLP_REGION`: the region of every listed endpoint, for MERIDIAN_ALLOWED_REGIONS. */
  region: string | undefined;
  /** `MERIDIAN_OTLP_LOGS_FAILBACK_MS`: how often a preferred endpoint is probed while failed over. */
  failbackIntervalMs: number;
}

export const DEFAULT_OTLP_LOGS_FAILBACK_MS = 30_000;

function readEndpointList(env: Env, name: string): string[] {
  const v = raw(env, name);
  if (v === undefined) return [];
  const out: string[] = [];
  for (const part of v.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const url = readUrl({ [name]: item }, name, undefined);
    if (url !== undefined && !out.includes(url)) out.push(url);
  }
  if (out.length === 0) {
    diagnose(ERR_CONFIG_INVALID, `${name}=${showValue(v)} lists no usable URL; accepted: comma-separated absolute http:// or https:// URLs; using the OTEL_EXPORTER_OTLP_* endpoint`);
  }
  return out;
}

export function readOtlpLogs(env: Env): OtlpLogsConfig {
  let endpoints = readEndpointList(env, 'MERIDIAN_OTLP_LOGS_ENDPOINTS');
  if (endpoints.length === 0) {
    const base = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', DEFAULT_OTLP_ENDPOINT)!;
    endpoints = [readUrl(env, 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', undefined) ?? signalUrl(base, 'v1/logs')];
  }
  const generic = readEnum(env, 'OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_LOG_PROTOCOLS, 'http/protobuf');
  return {
    endpoints,
    protocol: readEnum(env, 'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', OTLP_LOG_PROTOCOLS, generic),
    headers: { ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_LOGS_HEADERS') },
    compression: readEnum(env, 'OTEL_EXPORTER_OTLP_LOGS_COMPRESSION', COMPRESSIONS, readEnum(env, 'OTEL_EXPORTER_OTLP_COMPRESSION', COMPRESSIONS, undefined)),
    timeoutMs: readInt(env, 'OTEL_EXPORTER_OTLP_LOGS_TIMEOUT', readInt(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1, 600_000), 1, 600_000),
    region: raw(env, 'MERIDIAN_OTLP_REGION')?.toLowerCase(),
    failbackIntervalMs: readInt(env, 'MERIDIAN_OTLP_LOGS_FAILBACK_MS', DEFAULT_OTLP_LOGS_FAILBACK_MS, 100, 86_400_000),
  };
}
