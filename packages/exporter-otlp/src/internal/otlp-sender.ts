/**
 * The HTTP side shared by the OTLP log and span exporters: one keep-alive agent per collector (TLS
 * 1.2 at least), failover and failback probes across the endpoints, and the mapping of an answer to
 * the transport's outcome (2xx with partial_success, 429, 502/503/504, other 5xx/408, other 4xx).
 */
import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter, postBody, type ExportResult, type HttpResponse, type RecordFailure } from '@meridian/transport';
import { type Endpoint, Failover } from './failover.js';
import { parsePartialSuccess, statusMessage } from './response.js';
import type { ResolvedOtlpOptions } from '../options.js';

/** Longest response body kept: OTLP answers are small (a partial_success or a google.rpc.Status). */
const MAX_RESPONSE = 64 * 1024;
/** A failback probe waits at most this long (it is an empty request; a live collector answers at once). */
export const PROBE_TIMEOUT_MS = 2_000;
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
  /** Sum of `partial_success.rejected_log_records` / `rejected_spans` (also counted by the transport as dropped.permanent). */
  rejectedByCollector: number;
  lastRejectMessage: string;
}

export class OtlpSender {
  private readonly endpoints: Endpoint[];
  private readonly failover: Failover;
  private readonly json: boolean;
  private readonly plainHeaders: Record<string, string>;
  private readonly gzipHeaders: Record<string, string>;
  private readonly emptyRequest: Uint8Array;
  private rejectedByCollector = 0;
  private lastRejectMessage = '';
  /** The export timeout the transport needs: one request, plus room for a failback probe with several endpoints. */
  readonly exportTimeoutMs: number;

  constructor(
    private readonly o: ResolvedOtlpOptions,
    private readonly what: 'log records' | 'spans',
  ) {
    this.json = o.protocol === 'http/json';
    this.endpoints = o.endpoints.map((url) => ({
      url,
      // TLS 1.2 at least, whatever Node's default or --tls-min-v1.0 say
      agent: url.protocol === 'https:' ? new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2', ca: o.ca }) : new http.Agent({ keepAlive: true }),
      requests: 0,
      failures: 0,
      probeAt: 0,
    }));
    this.failover = new Failover(this.endpoints, o.failbackIntervalMs);
    this.plainHeaders = { 'user-agent': USER_AGENT, ...o.headers, 'content-type': this.json ? 'application/json' : 'application/x-protobuf' };
    this.gzipHeaders = { ...this.plainHeaders, 'content-encoding': 'gzip' };
    this.emptyRequest = this.json ? Buffer.from('{}') : new Uint8Array(0);
    this.exportTimeoutMs = o.timeoutMs + (this.endpoints.length > 1 ? Math.min(o.timeoutMs, PROBE_TIMEOUT_MS) : 0);
  }

  private async probe(j: number, signal: AbortSignal): Promise<boolean> {
    const e = this.endpoints[j]!;
    e.requests++;
    try {
      const res = await postBody(e.url, e.agent, this.plainHeaders, this.emptyRequest, signal, {
        maxResponseBytes: MAX_RESPONSE,
        timeoutMs: Math.min(this.o.timeoutMs, PROBE_TIMEOUT_MS),
      });
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  /** POST one encoded batch of `count` items to the current collector (probing a preferred one first when due). */
  async send(body: Uint8Array, gzip: boolean, count: number, signal: AbortSignal): Promise<ExportResult> {
    const f = this.failover;
    const j = f.probeCandidate(Date.now());
    if (j >= 0) f.probeDone(j, await this.probe(j, signal), Date.now());
    const i = f.current;
    const e = this.endpoints[i]!;
    e.requests++;
    let res: HttpResponse;
    try {
      res = await postBody(e.url, e.agent, gzip ? this.gzipHeaders : this.plainHeaders, body, signal, {
        maxResponseBytes: MAX_RESPONSE,
        timeoutMs: this.o.timeoutMs,
      });
    } catch (err) {
      const again = f.unavailable(i, Date.now(), undefined);
      return { outcome: 'retryable', unavailable: true, retryAfterMs: again ? 0 : undefined, error: `${e.url.host}: ${(err as Error).message}` };
    }
    return this.answered(i, res, count);
  }

  private answered(i: number, res: HttpResponse, count: number): ExportResult {
    const e = this.endpoints[i]!;
    const host = e.url.host;
    const ctype = res.headers['content-type'];
    const status = res.status;
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'] as string | undefined, Date.now());
    if (status >= 200 && status < 300) {
      this.failover.succeeded(i);
      const ps = parsePartialSuccess(res.body, ctype, this.json);
      if (ps.rejected === 0) return { outcome: 'ok' };
      // The collector says how many, not which: the last N of the batch are reported as failed
      // (not retryable), so `sent` and `dropped.permanent` stay exact. Nothing is sent again.
      const n = Math.min(ps.rejected, count);
      this.rejectedByCollector += n;
      this.lastRejectMessage = ps.message;
      const error = `${host} rejected ${n} of ${count} ${this.what}${ps.message === '' ? '' : `: ${ps.message}`}`;
      if (n === count) return { outcome: 'permanent', error };
      const failed: RecordFailure[] = [];
      for (let k = count - n; k < count; k++) failed.push({ index: k, retryable: false, error });
      return { outcome: 'partial', failed, error };
    }
    const detail = statusMessage(res.body, typeof ctype === 'string' ? ctype : undefined, this.json);
    const error = `HTTP ${status} from ${host}${detail === '' ? '' : `: ${detail}`}`;
    if (status === 429) return { outcome: 'retryable', unavailable: true, retryAfterMs, error };
    if (status === 502 || status === 503 || status === 504) {
      const again = this.failover.unavailable(i, Date.now(), retryAfterMs);
      return { outcome: 'retryable', unavailable: true, retryAfterMs: again ? 0 : retryAfterMs, error };
    }
    if (status === 408 || status >= 500) return { outcome: 'retryable', retryAfterMs, error };
    return { outcome: 'permanent', error };
  }

  stats(): OtlpExporterStats {
    const f = this.failover;
    return {
      current: this.endpoints[f.current]!.url.href,
      endpoints: this.endpoints.map((e) => ({ url: e.url.href, requests: e.requests, failures: e.failures })),
      failovers: f.failovers,
      failbacks: f.failbacks,
      rejectedByCollector: this.rejectedByCollector,
      lastRejectMessage: this.lastRejectMessage,
    };
  }

  shutdown(): void {
    for (const e of this.endpoints) e.agent.destroy();
  }
}
