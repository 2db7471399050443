import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readEnum, readUrl } from '../internal/parsers.js';

export const LOGSTASH_FORMATS = ['ecs', 'meridian'] as const;
export type LogstashFormat = (typeof LOGSTASH_FORMATS)[number];
export const LOGSTASH_DELIVERIES = ['close', 'window'] as const;
export type LogstashDelivery = (typeof LOGSTASH_DELIVERIES)[number];

/** The Logstash exporter (json_lines over TCP/TLS). See packages/exporter-elk/README.md. */
export interface LogstashConfig {
  /** MERIDIAN_LOGSTASH_URL: `tcp://host:port` or `tls://host:port`; undefined when unset or invalid. */
  url: string | undefined;
  /** MERIDIAN_LOGSTASH_CA / _CERT / _KEY: PEM file paths (CA bundle, client certificate and key). */
  ca: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  /** MERIDIAN_LOGSTASH_REGION: the region the endpoint is in (lowercased), for MERIDIAN_ALLOWED_REGIONS. */
  region: string | undefined;
  /** MERIDIAN_LOGSTASH_FORMAT: `ecs` (default) sends ECS documents, `meridian` the record as logged. */
  format: LogstashFormat;
  /**
   * MERIDIAN_LOGSTASH_DELIVERY: `close` (default) confirms each batch end to end on its own
   * connection; `window` keeps one connection and confirms after a quiet period (faster, weaker).
   */
  delivery: LogstashDelivery;
}

/** The Elasticsearch exporter (_bulk). */
export interface ElasticsearchConfig {
  /** MERIDIAN_ELASTICSEARCH_URL: http(s) base URL of the cluster. */
  url: string | undefined;
  /** MERIDIAN_ELASTICSEARCH_INDEX: index or data stream; `{service}` is substituted. */
  index: string;
  /** MERIDIAN_ELASTICSEARCH_TRACES_INDEX: where span documents go (OTEL_TRACES_EXPORTER=elasticsearch); `{service}` is substituted. */
  tracesIndex: string;
  /** MERIDIAN_ELASTICSEARCH_API_KEY: the encoded API key (sent as `Authorization: ApiKey …`). */
  apiKey: string | undefined;
  /** MERIDIAN_ELASTICSEARCH_USERNAME / _PASSWORD: basic authentication (ignored when an API key is set). */
  username: string | undefined;
  password: string | undefined;
  /** MERIDIAN_ELASTICSEARCH_CA: PEM file of the CA that signed the cluster's certificate. */
  ca: string | undefined;
  /** MERIDIAN_ELASTICSEARCH_REGION: the region the cluster is in (lowercased). */
  region: string | undefined;
}

/** Settings of the elk exporters. */
export interface ElkConfig {
  logstash: LogstashConfig;
  elasticsearch: ElasticsearchConfig;
}

export const DEFAULT_ELASTICSEARCH_INDEX = 'logs-{service}-default';
export const DEFAULT_ELASTICSEARCH_TRACES_INDEX = 'traces-{service}-default';

/** `tcp://host:port` or `tls://host:port` (port required, no path). */
function readLogstashUrl(env: Env): string | undefined {
  const name = 'MERIDIAN_LOGSTASH_URL';
  const v = raw(env, name);
  if (v === undefined) return undefined;
  let ok = false;
  try {
    const u = new URL(v);
    ok =
      (u.protocol === 'tcp:' || u.protocol === 'tls:') &&
      u.hostname !== '' &&
      u.port !== '' &&
      (u.pathname === '' || u.pathname === '/') &&
      u.search === '' &&
      u.username === '';
  } catch {
    ok = false;
  }
  if (ok) return v;
  diagnose(
    ERR_CONFIG_INVALID,
    `${name}=${showValue(v)} is not valid; accepted: tcp://host:port or tls://host:port (the port of a Logstash tcp input with codec json_lines); using no value (Logstash export off)`,
  );
  return undefined;
}

function region(env: Env, name: string): string | undefined {
  return raw(env, name)?.toLowerCase();
}

export function readElk(env: Env): ElkConfig {
  const apiKey = raw(env, 'MERIDIAN_ELASTICSEARCH_API_KEY');
  let username = raw(env, 'MERIDIAN_ELASTICSEARCH_USERNAME');
  let password = raw(env, 'MERIDIAN_ELASTICSEARCH_PASSWORD');
  if (apiKey !== undefined && (username !== undefined || password !== undefined)) {
    diagnose(
      ERR_CONFIG_INVALID,
      'MERIDIAN_ELASTICSEARCH_API_KEY and MERIDIAN_ELASTICSEARCH_USERNAME/_PASSWORD are both set; accepted: one of them; using the API key',
    );
    username = undefined;
    password = undefined;
  } else if ((username === undefined) !== (password === undefined)) {
    // never echo the secret itself
    diagnose(
      ERR_CONFIG_INVALID,
      `MERIDIAN_ELASTICSEARCH_${username === undefined ? 'PASSWORD' : 'USERNAME'} is set without MERIDIAN_ELASTICSEARCH_${username === undefined ? 'USERNAME' : 'PASSWORD'}; accepted: both or neither; using no basic authentication`,
    );
    username = undefined;
    password = undefined;
  }
  return {
    logstash: {
      url: readLogstashUrl(env),
      ca: raw(env, 'MERIDIAN_LOGSTASH_CA'),
      cert: raw(env, 'MERIDIAN_LOGSTASH_CERT'),
      key: raw(env, 'MERIDIAN_LOGSTASH_KEY'),
      region: region(env, 'MERIDIAN_LOGSTASH_REGION'),
      format: readEnum(env, 'MERIDIAN_LOGSTASH_FORMAT', LOGSTASH_FORMATS, 'ecs'),
      delivery: readEnum(env, 'MERIDIAN_LOGSTASH_DELIVERY', LOGSTASH_DELIVERIES, 'close'),
    },
    elasticsearch: {
      url: readUrl(env, 'MERIDIAN_ELASTICSEARCH_URL', undefined),
      index: raw(env, 'MERIDIAN_ELASTICSEARCH_INDEX') ?? DEFAULT_ELASTICSEARCH_INDEX,
      tracesIndex: raw(env, 'MERIDIAN_ELASTICSEARCH_TRACES_INDEX') ?? DEFAULT_ELASTICSEARCH_TRACES_INDEX,
      apiKey,
      username,
      password,
      ca: raw(env, 'MERIDIAN_ELASTICSEARCH_CA'),
      region: region(env, 'MERIDIAN_ELASTICSEARCH_REGION'),
    },
  };
}
