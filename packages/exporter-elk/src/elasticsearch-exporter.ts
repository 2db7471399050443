import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { diagnose, ERR_CONFIG_INVALID, type ExportGuardsConfig, getConfig, type MeridianConfig, MeridianError } from '@meridian/config';
import { type ExportRequest, type ExportResult, type Exporter, type LogEntry, parseRetryAfter, type RecordFailure, statusOutcome } from '@meridian/transport';
import { toEcs } from './ecs.js';
import { bulkOutcome } from './internal/bulk-result.js';
import { checkIndexTemplate, IndexNames } from './internal/index-name.js';
import { postBody, type HttpResponse as PostResponse } from '@meridian/transport';
import { applyGuards, readPem } from './internal/preflight.js';

const gzipAsync = promisify(gzip);

export const ERR_ELASTICSEARCH_AUTH = 'MERIDIAN_ERR_ELASTICSEARCH_AUTH';

/** Default batch cap before compression: far below Elasticsearch's `http.max_content_length` (100 MB). */
export const DEFAULT_ES_MAX_BATCH_BYTES = 5 * 1024 * 1024;

// Only what the exporter reads: keeps a 10,000-item answer small.
const FILTER = 'filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason';

export interface ElasticsearchExporterOptions {
  /** Base URL of the cluster (`https://es.example.com:9200`, a path prefix is kept). Default MERIDIAN_ELASTICSEARCH_URL. */
  url?: string;
  /** Index or data stream; `{service}` becomes the record's service. Default MERIDIAN_ELASTICSEARCH_INDEX or `logs-{service}-default`. */
  index?: string;
  /** Encoded API key (`Authorization: ApiKey …`). Default MERIDIAN_ELASTICSEARCH_API_KEY. */
  apiKey?: string;
  /** Basic authentication (ignored when an API key is set). */
  username?: string;
  password?: string;
  /** CA certificate(s), PEM contents. Default: the file MERIDIAN_ELASTICSEARCH_CA names, else the system CAs. */
  ca?: string | Buffer;
  /** Region the cluster is in, checked against MERIDIAN_ALLOWED_REGIONS. Default MERIDIAN_ELASTICSEARCH_REGION. */
  region?: string;
  /** Service for records that carry none. Default OTEL_SERVICE_NAME (`config.service.name`). */
  service?: string;
  /** Metrics label and spool name; default `elasticsearch`. */
  name?: string;
  maxBatchRecords?: number;
  /** Default 5 MiB (before compression). */
  maxBatchBytes?: number;
  /**
   * Give each record an `_id` at its first send (default true): a resend of a document that was
   * stored but whose answer was lost gets 409 and is not stored twice. `false`: Elasticsearch
   * generates ids (slightly faster indexing; a lost answer can then mean a duplicate).
   */
  documentIds?: boolean;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /**
   * Records are already ECS documents (their `line` is the document's JSON, e.g. spans made by
   * `createElasticsearchSpanExporter`): sent as they are, to the index of the `service` option.
   * Default false: records are Meridian log lines, turned into ECS documents at batch time.
   */
  prebuiltDocuments?: boolean;
  /** Resolved configuration (MERIDIAN_ELASTICSEARCH_*, the guards, the service name); default `getConfig()`. Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** Overrides the guards of `config` (MERIDIAN_ALLOW_INSECURE, MERIDIAN_ALLOWED_REGIONS). */
  guards?: ExportGuardsConfig;
}

/**
 * Elasticsearch `_bulk` with `create` actions and ECS documents. Throws a MeridianError when the
 * URL is missing or refused by the TLS / residency guards, or a CA file cannot be read.
 */
export function createElasticsearchExporter(options: ElasticsearchExporterOptions = {}): Exporter {
  const config = options.config ?? getConfig();
  const cfg = config.elk.elasticsearch;
  const guards = options.guards ?? config.exportGuards;
  const name = options.name ?? 'elasticsearch';
  const base = options.url ?? cfg.url;
  if (base === undefined) {
    throw new MeridianError(ERR_CONFIG_INVALID, `${name}: no Elasticsearch URL; accepted: MERIDIAN_ELASTICSEARCH_URL or the url option (https://host:9200)`);
  }
  applyGuards(name, base, options.region ?? cfg.region, guards);
  const url = new URL(base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MeridianError(ERR_CONFIG_INVALID, `${name}: ${url.protocol} is not supported for Elasticsearch; accepted: https:// (or loopback http://)`);
  }
  const template = options.index ?? cfg.index;
  checkIndexTemplate(template);
  const bulkUrl = new URL(url.href);
  bulkUrl.pathname = url.pathname.replace(/\/+$/, '') + '/_bulk';
  bulkUrl.search = FILTER;
  bulkUrl.username = '';
  bulkUrl.password = '';

  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', accept: 'application/json', ...options.headers };
  const apiKey = options.apiKey ?? cfg.apiKey;
  const username = options.username ?? cfg.username ?? (url.username !== '' ? decodeURIComponent(url.username) : undefined);
  const password = options.password ?? cfg.password ?? (url.password !== '' ? decodeURIComponent(url.password) : undefined);
  if (apiKey !== undefined) headers.authorization = `ApiKey ${apiKey}`;
  else if (username !== undefined && password !== undefined) headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  const ca = readPem(name, 'MERIDIAN_ELASTICSEARCH_CA', options.ca, cfg.ca);
  const agent =
    url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true, ca, minVersion: 'TLSv1.2', rejectUnauthorized: true }) : new HttpAgent({ keepAlive: true });
  const indices = new IndexNames(template);
  const fallbackService = options.service ?? config.service.name;
  const useIds = options.documentIds ?? true;
  // An id stays with its record across whole-batch and per-item resends (same LogEntry object).
  const ids = new WeakMap<LogEntry, string>();
  const actions = new Map<string, string>();
  const host = url.host;

  function action(index: string): string {
    let a = actions.get(index);
    if (a === undefined) {
      a = `{"create":{"_index":${JSON.stringify(index)}`;
      actions.set(index, a);
    }
    return a;
  }

  const prebuilt = options.prebuiltDocuments === true;

  function encode(records: readonly LogEntry[]): string {
    let out = '';
    for (const e of records) {
      const doc = prebuilt ? undefined : toEcs(e.line, { time: e.time, level: e.level });
      const svc = (doc?.service as { name?: unknown } | undefined)?.name;
      out += action(indices.get(typeof svc === 'string' ? svc : fallbackService));
      if (useIds) {
        let id = ids.get(e);
        if (id === undefined) {
          id = randomUUID();
          ids.set(e, id);
        }
        out += `,"_id":"${id}"`;
      }
      out += '}}\n' + (doc === undefined ? e.line : JSON.stringify(doc)) + '\n';
    }
    return out;
  }

  async function attempt(body: Uint8Array, gzipped: boolean, n: number, signal: AbortSignal): Promise<ExportResult | 'too_large'> {
    const h = gzipped ? { ...headers, 'content-encoding': 'gzip' } : headers;
    let res: PostResponse;
    try {
      res = await postBody(bulkUrl, agent, h, body, signal, { maxResponseBytes: 16 * 1024 * 1024 });
    } catch (err) {
      return { outcome: 'retryable', unavailable: true, error: `${name}: ${host}: ${(err as Error).message}` };
    }
    if (res.status >= 200 && res.status < 300) return bulkOutcome(res.body.toString('utf8'), n, host);
    if (res.status === 413) return 'too_large';
    if (res.status === 401 || res.status === 403) {
      const msg =
        `${name}: HTTP ${res.status} from ${host}: ${res.status === 401 ? 'authentication failed' : 'not allowed'}; ` +
        'accepted: a valid MERIDIAN_ELASTICSEARCH_API_KEY (or _USERNAME/_PASSWORD) with the create_doc and auto_configure privileges on the index';
      diagnose(ERR_ELASTICSEARCH_AUTH, msg);
      return { outcome: 'permanent', error: `${ERR_ELASTICSEARCH_AUTH}: ${msg}` };
    }
    const retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined, Date.now());
    return statusOutcome(res.status, retryAfter, `${name}: HTTP ${res.status} from ${host}`);
  }

  /** 413: halve and send each half; a single document too large for the cluster is dropped. */
  async function sendSplit(records: readonly LogEntry[], gzipped: boolean, signal: AbortSignal): Promise<RecordFailure[]> {
    if (records.length === 1) {
      return [{ index: 0, retryable: false, error: `413 document larger than http.max_content_length of ${host}` }];
    }
    const failed: RecordFailure[] = [];
    const mid = Math.ceil(records.length / 2);
    for (const [from, part] of [
      [0, records.slice(0, mid)],
      [mid, records.slice(mid)],
    ] as const) {
      const raw = Buffer.from(encode(part), 'utf8');
      const body = gzipped ? await gzipAsync(raw, { level: 3 }) : raw;
      const r = await attempt(body, gzipped, part.length, signal);
      let sub: RecordFailure[];
      if (r === 'too_large') sub = await sendSplit(part, gzipped, signal);
      else if (r.outcome === 'ok') sub = [];
      else if (r.outcome === 'partial') sub = [...r.failed];
      else sub = part.map((_, i) => ({ index: i, retryable: r.outcome === 'retryable', error: r.error }));
      for (const f of sub) failed.push({ index: f.index + from, retryable: f.retryable, error: f.error });
    }
    return failed;
  }

  return {
    name,
    network: true,
    maxBatchRecords: options.maxBatchRecords,
    maxBatchBytes: options.maxBatchBytes ?? DEFAULT_ES_MAX_BATCH_BYTES,
    encode,
    async send(req: ExportRequest): Promise<ExportResult> {
      const gzipped = req.contentEncoding === 'gzip';
      const r = await attempt(req.body, gzipped, req.records.length, req.signal);
      if (r !== 'too_large') return r;
      const failed = await sendSplit(req.records, gzipped, req.signal);
      if (failed.length === 0) return { outcome: 'ok' };
      return { outcome: 'partial', failed, error: `${name}: 413 from ${host}: batch split, ${failed.length} of ${req.records.length} documents not stored` };
    },
    async shutdown() {
      agent.destroy();
    },
  };
}
