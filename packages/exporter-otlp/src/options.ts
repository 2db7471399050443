import { validateHeaderName, validateHeaderValue } from 'node:http';
import {
  buildResourceAttributes,
  checkEndpointSecurity,
  checkRegion,
  diagnose,
  ERR_CONFIG_INVALID,
  getConfig,
  type MeridianConfig,
  MeridianError,
  type OtlpLogsConfig,
} from '@meridian/config';
import type { ResourceValue } from './internal/map-record.js';

export type OtlpLogProtocol = OtlpLogsConfig['protocol'];

export const ERR_OTLP_ENDPOINT = 'MERIDIAN_ERR_OTLP_ENDPOINT';

export interface OtlpLogExporterOptions {
  /** Full URLs (…/v1/logs), in order of preference; default from the environment (README). */
  endpoints?: string | readonly string[];
  /** Default `OTEL_EXPORTER_OTLP_LOGS_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf`. */
  protocol?: OtlpLogProtocol;
  /** Merged over the headers from the environment (code wins per header). */
  headers?: Record<string, string>;
  /** Passed to the transport by `createOtlpLogTransport`; default from the environment, else the transport's (gzip). */
  compression?: 'gzip' | 'none';
  /** One request to one collector gives up after this long; default `OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT`, else 10 s. */
  timeoutMs?: number;
  /** Region of the endpoints for MERIDIAN_ALLOWED_REGIONS; default `MERIDIAN_OTLP_REGION`. */
  region?: string;
  /**
   * Merged over the process resource (`buildResourceAttributes` of @meridian/config: service.*,
   * service.instance.id, host.*, process.*, `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_SERVICE_NAME`), the
   * one spans carry; a record's `service` still names its resource.
   */
  resource?: Record<string, ResourceValue>;
  /** How often a preferred endpoint is probed while failed over; default `MERIDIAN_OTLP_LOGS_FAILBACK_MS`, else 30 s. */
  failbackIntervalMs?: number;
  /** Extra trusted CA certificates (PEM) for https endpoints, e.g. a private CA; default Node's trust store. */
  ca?: string | Buffer | readonly (string | Buffer)[];
  /** Metrics label and spool name; default "otlp". */
  name?: string;
  maxBatchRecords?: number;
  maxBatchBytes?: number;
  /** Parsed settings; default `getConfig()` (tests pass `loadConfig(env)`). */
  config?: MeridianConfig;
}

export interface ResolvedOtlpOptions {
  name: string;
  endpoints: URL[];
  protocol: OtlpLogProtocol;
  headers: Record<string, string>;
  compression: 'gzip' | 'none' | undefined;
  timeoutMs: number;
  region: string | undefined;
  resource: Record<string, ResourceValue>;
  failbackIntervalMs: number;
  ca: string | Buffer | (string | Buffer)[] | undefined;
}

function cleanHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(headers)) {
    try {
      validateHeaderName(key);
      validateHeaderValue(key, headers[key]);
      out[key.toLowerCase()] = headers[key]!;
    } catch {
      diagnose(
        ERR_CONFIG_INVALID,
        `OTLP exporter header ${JSON.stringify(key)} is not a valid HTTP header name/value; accepted: RFC 9110 token names and visible ASCII values; ignoring that header`,
      );
    }
  }
  return out;
}

/**
 * code option > OTEL_EXPORTER_OTLP_LOGS_* > OTEL_EXPORTER_OTLP_* > default, then the guards:
 * throws a MeridianError (TLS, residency, unusable endpoint) — the exporter refuses to start.
 */
export function resolveOtlpOptions(o: OtlpLogExporterOptions, signal: 'logs' | 'traces' = 'logs'): ResolvedOtlpOptions {
  const config = o.config ?? getConfig();
  const c = signal === 'logs' ? config.otlpLogs : config.otlpTraces;
  const name = o.name ?? (signal === 'logs' ? 'otlp' : 'otlp-spans');
  const path = `/v1/${signal}`;
  const upper = signal.toUpperCase();
  const list = o.endpoints === undefined ? c.endpoints : typeof o.endpoints === 'string' ? o.endpoints.split(',') : [...o.endpoints];
  const endpoints: URL[] = [];
  for (const raw of list.map((s) => s.trim()).filter((s) => s !== '')) {
    const refused = checkEndpointSecurity(name, raw, config.exportGuards);
    if (refused !== undefined) throw refused;
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new MeridianError(
        ERR_OTLP_ENDPOINT,
        `${name}: endpoint ${url.protocol}//${url.host} cannot carry OTLP/HTTP; accepted: https:// (or loopback http://) URLs ending in ${path}`,
      );
    }
    endpoints.push(url);
  }
  if (endpoints.length === 0) {
    throw new MeridianError(
      ERR_OTLP_ENDPOINT,
      `${name}: no endpoint given; accepted: one or more https:// URLs (endpoints option, MERIDIAN_OTLP_${upper}_ENDPOINTS or OTEL_EXPORTER_OTLP_${upper}_ENDPOINT)`,
    );
  }
  const region = o.region ?? c.region;
  const outside = checkRegion(name, region, config.exportGuards);
  if (outside !== undefined) throw outside;
  return {
    name,
    endpoints,
    protocol: o.protocol ?? c.protocol,
    headers: cleanHeaders({ ...c.headers, ...o.headers }),
    compression: o.compression ?? c.compression,
    timeoutMs: Math.max(1, o.timeoutMs ?? c.timeoutMs),
    region,
    // the process resource spans carry too (@meridian/config), so logs and traces join on service.instance.id
    resource: buildResourceAttributes(config.service, o.resource),
    failbackIntervalMs: Math.max(0, o.failbackIntervalMs ?? c.failbackIntervalMs),
    ca: o.ca === undefined ? undefined : typeof o.ca === 'string' || Buffer.isBuffer(o.ca) ? o.ca : [...o.ca],
  };
}
