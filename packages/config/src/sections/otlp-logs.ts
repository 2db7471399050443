import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readEnum, readInt, readKeyValues, readUrl } from '../internal/parsers.js';
import { COMPRESSIONS, type Compression, DEFAULT_OTLP_ENDPOINT, signalUrl } from './tracing.js';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** One OTLP signal's exporter settings (@meridian/exporter-otlp): logs (`otlpLogs`) or traces (`otlpTraces`). */
export interface OtlpSignalConfig {
  /**
   * Full URLs records are POSTed to, in order of preference (the first is the primary).
   * `MERIDIAN_OTLP_<SIGNAL>_ENDPOINTS` (comma-separated, each used as is) if set, else
   * `OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT` (as is), else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/<signal>`.
   */
  endpoints: string[];
  /** `OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf` (the specification's default). */
  protocol: OtlpProtocol;
  /** Generic `OTEL_EXPORTER_OTLP_HEADERS` overlaid by `OTEL_EXPORTER_OTLP_<SIGNAL>_HEADERS`. */
  headers: Record<string, string>;
  /** undefined when neither compression variable is set (the transport's choice then: gzip). */
  compression: Compression | undefined;
  timeoutMs: number;
  /** `MERIDIAN_OTLP_REGION`: the region of every listed endpoint, for MERIDIAN_ALLOWED_REGIONS. */
  region: string | undefined;
  /** `MERIDIAN_OTLP_<SIGNAL>_FAILBACK_MS`: how often a preferred endpoint is probed while failed over. */
  failbackIntervalMs: number;
}

/** The log exporter's settings. */
export type OtlpLogsConfig = OtlpSignalConfig;

export const DEFAULT_OTLP_LOGS_FAILBACK_MS = 30_000;
export const DEFAULT_OTLP_FAILBACK_MS = DEFAULT_OTLP_LOGS_FAILBACK_MS;

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
    diagnose(
      ERR_CONFIG_INVALID,
      `${name}=${showValue(v)} lists no usable URL; accepted: comma-separated absolute http:// or https:// URLs; using the OTEL_EXPORTER_OTLP_* endpoint`,
    );
  }
  return out;
}

/** Each signal's variables, spelled out (so they can be found, and checked against the README table). */
const VARS = {
  LOGS: {
    path: 'v1/logs',
    endpoints: 'MERIDIAN_OTLP_LOGS_ENDPOINTS',
    endpoint: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
    protocol: 'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL',
    headers: 'OTEL_EXPORTER_OTLP_LOGS_HEADERS',
    compression: 'OTEL_EXPORTER_OTLP_LOGS_COMPRESSION',
    timeout: 'OTEL_EXPORTER_OTLP_LOGS_TIMEOUT',
    failback: 'MERIDIAN_OTLP_LOGS_FAILBACK_MS',
  },
  TRACES: {
    path: 'v1/traces',
    endpoints: 'MERIDIAN_OTLP_TRACES_ENDPOINTS',
    endpoint: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    protocol: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    headers: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
    compression: 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
    timeout: 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
    failback: 'MERIDIAN_OTLP_TRACES_FAILBACK_MS',
  },
} as const;

/** The settings of one signal, read the same way for logs and traces (the OTLP exporter specification's variables). */
function readOtlpSignal(env: Env, signal: 'LOGS' | 'TRACES'): OtlpSignalConfig {
  const v = VARS[signal];
  let endpoints = readEndpointList(env, v.endpoints);
  if (endpoints.length === 0) {
    const base = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', DEFAULT_OTLP_ENDPOINT)!;
    endpoints = [readUrl(env, v.endpoint, undefined) ?? signalUrl(base, v.path)];
  }
  const generic = readEnum(env, 'OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS, 'http/protobuf');
  return {
    endpoints,
    protocol: readEnum(env, v.protocol, OTLP_PROTOCOLS, generic),
    headers: { ...readKeyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...readKeyValues(env, v.headers) },
    compression: readEnum(env, v.compression, COMPRESSIONS, readEnum(env, 'OTEL_EXPORTER_OTLP_COMPRESSION', COMPRESSIONS, undefined)),
    timeoutMs: readInt(env, v.timeout, readInt(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1, 600_000), 1, 600_000),
    region: raw(env, 'MERIDIAN_OTLP_REGION')?.toLowerCase(),
    failbackIntervalMs: readInt(env, v.failback, DEFAULT_OTLP_FAILBACK_MS, 100, 86_400_000),
  };
}

export function readOtlpLogs(env: Env): OtlpLogsConfig {
  return readOtlpSignal(env, 'LOGS');
}

/** The OTLP span exporter's settings (MERIDIAN_OTLP_TRACES_ENDPOINTS, OTEL_EXPORTER_OTLP_TRACES_*). */
export function readOtlpTraces(env: Env): OtlpSignalConfig {
  return readOtlpSignal(env, 'TRACES');
}
