import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { diagnose, ERR_CONFIG_INVALID, type ExportGuardsConfig, getConfig, type MeridianConfig, MeridianError } from '@meridian/config';
import type { ExportRequest, ExportResult, Exporter, LogEntry } from '@meridian/transport';
import { toEcs } from './ecs.js';
import { acceptedLine } from './internal/line-keys.js';
import { ClosingDelivery } from './internal/logstash-closing.js';
import type { SocketOptions } from './internal/logstash-socket.js';
import { WindowDelivery } from './internal/logstash-window.js';
import { applyGuards, readPem } from './internal/preflight.js';

const gunzipAsync = promisify(gunzip);

export const WARN_BEATS_PORT = 'MERIDIAN_WARN_LOGSTASH_BEATS_PORT';

export interface LogstashExporterOptions {
  /** `tcp://host:port` (loopback, or with MERIDIAN_ALLOW_INSECURE) or `tls://host:port`. Default MERIDIAN_LOGSTASH_URL. */
  url?: string;
  /** PEM contents. Default: the files MERIDIAN_LOGSTASH_CA / _CERT / _KEY name; no CA = the system CAs. */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Region the endpoint is in, checked against MERIDIAN_ALLOWED_REGIONS. Default MERIDIAN_LOGSTASH_REGION. */
  region?: string;
  /**
   * `ecs` (default): ECS documents (see toEcs); `meridian`: the record as the logger wrote it, except
   * that keys Elasticsearch refuses are renamed (README, "Field names").
   */
  format?: 'ecs' | 'meridian';
  /** Metrics label and spool name; default `logstash`. */
  name?: string;
  /**
   * How a batch counts as delivered (README, "Delivery guarantees"). `close` (default): each batch on
   * its own connection, confirmed when Logstash closes it after reading all of it. `window`: one
   * long-lived connection, confirmed when it stays healthy `confirmMs` after the write. Default
   * MERIDIAN_LOGSTASH_DELIVERY.
   */
  delivery?: 'close' | 'window';
  /** `window` mode: quiet period after a write. Default 250 ms. */
  confirmMs?: number;
  /** `window` mode: close the connection after this long unused (a new one is opened for the next batch). Default 30 s. */
  idleTimeoutMs?: number;
  /** TCP keep-alive probe delay. Default 10 s. */
  keepAliveMs?: number;
  /** Default 5 s. */
  connectTimeoutMs?: number;
  maxBatchRecords?: number;
  maxBatchBytes?: number;
  /** Resolved configuration (MERIDIAN_LOGSTASH_*, the guards); default `getConfig()`. Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** Overrides the guards of `config` (MERIDIAN_ALLOW_INSECURE, MERIDIAN_ALLOWED_REGIONS). */
  guards?: ExportGuardsConfig;
}

/** An Exporter with the connection counter tests and diagnostics read. */
export interface LogstashExporter extends Exporter {
  /** Connections opened so far. */
  readonly connections: number;
}

/**
 * Logstash `tcp` input with `codec => json_lines`: one JSON document per line over TCP or TLS
 * (≥ 1.2, certificates always verified). At-least-once within the confirmation window (README).
 * Throws a MeridianError when the URL is missing, malformed, or refused by the guards, or a PEM
 * file cannot be read.
 */
export function createLogstashExporter(options: LogstashExporterOptions = {}): LogstashExporter {
  const config = options.config ?? getConfig();
  const cfg = config.elk.logstash;
  const guards = options.guards ?? config.exportGuards;
  const name = options.name ?? 'logstash';
  const raw = options.url ?? cfg.url;
  if (raw === undefined) {
    throw new MeridianError(ERR_CONFIG_INVALID, `${name}: no Logstash URL; accepted: MERIDIAN_LOGSTASH_URL or the url option (tls://host:port)`);
  }
  applyGuards(name, raw, options.region ?? cfg.region, guards);
  const url = new URL(raw);
  const tls = url.protocol === 'tls:' || url.protocol === 'ssl:';
  const port = Number(url.port);
  if ((!tls && url.protocol !== 'tcp:') || url.hostname === '' || !(port > 0)) {
    throw new MeridianError(ERR_CONFIG_INVALID, `${name}: ${JSON.stringify(raw)} is not a Logstash endpoint; accepted: tcp://host:port or tls://host:port`);
  }
  if (port === 5044) {
    diagnose(
      WARN_BEATS_PORT,
      `${name}: port 5044 is usually Logstash's beats input (Lumberjack protocol), which cannot read json_lines; ` +
        'point MERIDIAN_LOGSTASH_URL at a tcp input with codec => json_lines (e.g. port 5000)',
    );
  }
  const socketOptions: SocketOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    tls,
    ca: readPem(name, 'MERIDIAN_LOGSTASH_CA', options.ca, cfg.ca),
    cert: readPem(name, 'MERIDIAN_LOGSTASH_CERT', options.cert, cfg.cert),
    key: readPem(name, 'MERIDIAN_LOGSTASH_KEY', options.key, cfg.key),
    keepAliveMs: options.keepAliveMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
  };
  const confirmMs = options.confirmMs ?? 250;
  const conn =
    (options.delivery ?? cfg.delivery) === 'window'
      ? // an idle close must never land inside a confirmation window
        new WindowDelivery(socketOptions, confirmMs, Math.max(options.idleTimeoutMs ?? 30_000, confirmMs * 4))
      : new ClosingDelivery(socketOptions);
  const ecs = (options.format ?? cfg.format) === 'ecs';
  const where = `${url.hostname}:${port}`;

  return {
    name,
    network: true,
    // the tcp input takes plain lines: the transport never gzips for this exporter
    compressible: false,
    maxBatchRecords: options.maxBatchRecords,
    maxBatchBytes: options.maxBatchBytes,
    get connections() {
      return conn.opened;
    },
    encode(records: readonly LogEntry[]): string {
      let out = '';
      if (ecs) for (const e of records) out += JSON.stringify(toEcs(e.line, { time: e.time, level: e.level })) + '\n';
      // as logged, except keys Elasticsearch would refuse (Logstash usually outputs to it): see line-keys.ts
      else for (const e of records) out += acceptedLine(e.line) + '\n';
      return out;
    },
    async send(req: ExportRequest): Promise<ExportResult> {
      try {
        // defensive: a transport without the `compressible` flag may still hand us gzip
        const body = req.contentEncoding === 'gzip' ? await gunzipAsync(req.body) : req.body;
        await conn.deliver(body, req.signal);
        return { outcome: 'ok' };
      } catch (err) {
        return { outcome: 'retryable', unavailable: true, error: `${name}: ${where}: ${(err as Error).message}` };
      }
    },
    shutdown: () => conn.close(),
  };
}
