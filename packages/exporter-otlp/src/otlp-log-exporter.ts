import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter, type ExportRequest, type ExportResult, type Exporter, type LogEntry, type RecordFailure } from '@meridian/transport';
import { encodeLogsJson } from './encode-json.js';
import { encodeLogsProtobuf } from './encode-protobuf.js';
import { type Endpoint, Failover } from './internal/failover.js';
import { postBody, type HttpResponse as PostResponse } from '@meridian/transport';

/** Longest response body kept: OTLP answers are small (a partial_success or a google.rpc.Status). */
const MAX_RESPONSE = 64 * 1024;
import { parsePartialSuccess, statusMessage } from './internal/response.js';
import { type OtlpLogExporterOptions, type OtlpLogProtocol, resolveOtlpOptions } from './options.js';

/** A failback probe waits at most this long (it is an empty request; a live collector answers at once). */
const PROBE_TIMEOUT_MS = 2_000;
const USER_AGENT = 'meridian-exporter-otlp/0.1.0';

export interface OtlpEndpointStats {
  url: string;
  requests: number;
  failures: number;
}

export interface OtlpExporterStats {
  /** The endpoint the next batch goes to. */
  current: string;
  endpoints: OtlpEndpointStats[];
  failovers: number;
  failbacks: number;
  /** Sum of `partial_success.rejected_log_records` (also counted by the transport as dropped.permanent). */
  rejectedByCollector: number;
  lastRejectMessage: string;
}

export interface OtlpLogExporter extends Exporter {
  readonly protocol: OtlpLogProtocol;
  readonly endpoints: readonly string[];
  /** What the transport should use (undefined: its own default, gzip). */
  readonly compression: 'gzip' | 'none' | undefined;
  /** Per-request timeout; the transport's export timeout must leave room for a failback probe too. */
  readonly timeoutMs: number;
  readonly exportTimeoutMs: number;
  stats(): OtlpExporterStats;
}

/**
 * An OTLP/HTTP log exporter for @meridian/transport: encodes batches as ExportLogsServiceRequest
 * (protobuf or JSON) and POSTs them to the current collector, failing over across `endpoints`.
 * Throws a MeridianError when an endpoint is plain-text off loopback or outside the allowed regions.
 */
export function createOtlpLogExporter(options: OtlpLogExporterOptions = {}): OtlpLogExporter {
  const o = resolveOtlpOptions(options);
  const json = o.protocol === 'http/json';
  const contentType = json ? 'application/json' : 'application/x-protobuf';
  const endpoints: Endpoint[] = o.endpoints.map((url) => ({
    url,
    // TLS 1.2 at least, whatever Node's default or --tls-min-v1.0 say
    agent: url.protocol === 'https:' ? new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2', ca: o.ca }) : new http.Agent({ keepAlive: true }),
    requests: 0,
    failures: 0,
    probeAt: 0,
  }));
  const failover = new Failover(endpoints, o.failbackIntervalMs);
  const plainHeaders: Record<string, string> = { 'user-agent': USER_AGENT, ...o.headers, 'content-type': contentType };
  const gzipHeaders: Record<string, string> = { ...plainHeaders, 'content-encoding': 'gzip' };
  const emptyRequest = json ? Buffer.from('{}') : new Uint8Array(0);
  let rejectedByCollector = 0;
  let lastRejectMessage = '';

  async function probe(j: number, signal: AbortSignal): Promise<boolean> {
    const e = endpoints[j]!;
    e.requests++;
    try {
      const res = await postBody(e.url, e.agent, plainHeaders, emptyRequest, signal, { maxResponseBytes: MAX_RESPONSE, timeoutMs: Math.min(o.timeoutMs, PROBE_TIMEOUT_MS) });
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  function answered(i: number, res: PostResponse, records: readonly LogEntry[]): ExportResult {
    const e = endpoints[i]!;
    const host = e.url.host;
    const ctype = res.headers['content-type'];
    const status = res.status;
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'] as string | undefined, Date.now());
    if (status >= 200 && status < 300) {
      failover.succeeded(i);
      const ps = parsePartialSuccess(res.body, ctype, json);
      if (ps.rejected === 0) return { outcome: 'ok' };
      // The collector says how many, not which: the last N of the batch are reported as failed
      // (not retryable), so `sent` and `dropped.permanent` stay exact. Nothing is sent again.
      const n = Math.min(ps.rejected, records.length);
      rejectedByCollector += n;
      lastRejectMessage = ps.message;
      const error = `${host} rejected ${n} of ${records.length} log records${ps.message === '' ? '' : `: ${ps.message}`}`;
      if (n === records.length) return { outcome: 'permanent', error };
      const failed: RecordFailure[] = [];
      for (let k = records.length - n; k < records.length; k++) failed.push({ index: k, retryable: false, error });
      return { outcome: 'partial', failed, error };
    }
    const detail = statusMessage(res.body, typeof ctype === 'string' ? ctype : undefined, json);
    const error = `HTTP ${status} from ${host}${detail === '' ? '' : `: ${detail}`}`;
    if (status === 429) return { outcome: 'retryable', unavailable: true, retryAfterMs, error };
    if (status === 502 || status === 503 || status === 504) {
      const again = failover.unavailable(i, Date.now(), retryAfterMs);
      return { outcome: 'retryable', unavailable: true, retryAfterMs: again ? 0 : retryAfterMs, error };
    }
    if (status === 408 || status >= 500) return { outcome: 'retryable', retryAfterMs, error };
    return { outcome: 'permanent', error };
  }

  const exporter: OtlpLogExporter = {
    name: o.name,
    network: true,
    maxBatchRecords: options.maxBatchRecords,
    maxBatchBytes: options.maxBatchBytes,
    protocol: o.protocol,
    endpoints: o.endpoints.map((u) => u.href),
    compression: o.compression,
    timeoutMs: o.timeoutMs,
    exportTimeoutMs: o.timeoutMs + (endpoints.length > 1 ? Math.min(o.timeoutMs, PROBE_TIMEOUT_MS) : 0),
    encode: (records: readonly LogEntry[]) => (json ? encodeLogsJson(records, o.resource) : encodeLogsProtobuf(records, o.resource)),
    async send(req: ExportRequest): Promise<ExportResult> {
      const j = failover.probeCandidate(Date.now());
      if (j >= 0) failover.probeDone(j, await probe(j, req.signal), Date.now());
      const i = failover.current;
      const e = endpoints[i]!;
      e.requests++;
      let res: PostResponse;
      try {
        res = await postBody(e.url, e.agent, req.contentEncoding === 'gzip' ? gzipHeaders : plainHeaders, req.body, req.signal, { maxResponseBytes: MAX_RESPONSE, timeoutMs: o.timeoutMs });
      } catch (err) {
        const again = failover.unavailable(i, Date.now(), undefined);
        return { outcome: 'retryable', unavailable: true, retryAfterMs: again ? 0 : undefined, error: `${e.url.host}: ${(err as Error).message}` };
      }
      return answered(i, res, req.records);
    },
    stats(): OtlpExporterStats {
      return {
        current: endpoints[failover.current]!.url.href,
        endpoints: endpoints.map((e) => ({ url: e.url.href, requests: e.requests, failures: e.failures })),
        failovers: failover.failovers,
        failbacks: failover.failbacks,
        rejectedByCollector,
        lastRejectMessage,
      };
    },
    async shutdown() {
      for (const e of endpoints) e.agent.destroy();
    },
  };
  return exporter;
}
