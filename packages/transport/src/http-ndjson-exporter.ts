import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter } from './internal/backoff.js';
import { postBody, type HttpResponse } from './internal/http-post.js';
import type { ExportRequest, ExportResult, Exporter, LogEntry, RecordFailure } from './types.js';

export interface HttpNdjsonExporterOptions {
  url: string;
  /** Metrics label and spool file name; default "http". */
  name?: string;
  headers?: Record<string, string>;
  maxBatchRecords?: number;
  maxBatchBytes?: number;
}

/** HTTP status → outcome: 2xx ok; 408, 429, 5xx retryable (429/502/503/504: destination unavailable); other 4xx permanent. */
export function statusOutcome(status: number, retryAfterMs: number | undefined, error: string): ExportResult {
  if (status >= 200 && status < 300) return { outcome: 'ok' };
  const unavailable = status === 429 || status === 502 || status === 503 || status === 504;
  if (status === 408 || status === 429 || status >= 500) return { outcome: 'retryable', retryAfterMs, unavailable, error };
  return { outcome: 'permanent', error };
}

/**
 * POSTs newline-delimited log lines. A 2xx JSON answer `{"rejected":[{"index":i,"status":s}]}`
 * reports per-record failures (each status mapped as above) and yields a partial outcome.
 */
export function createHttpNdjsonExporter(o: HttpNdjsonExporterOptions): Exporter {
  const url = new URL(o.url);
  const agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  return {
    name: o.name ?? 'http',
    network: true,
    maxBatchRecords: o.maxBatchRecords,
    maxBatchBytes: o.maxBatchBytes,
    encode: (records: readonly LogEntry[]) => records.map((r) => r.line).join('\n') + '\n',
    async send(req: ExportRequest): Promise<ExportResult> {
      const headers: Record<string, string> = { 'content-type': 'application/x-ndjson', ...o.headers };
      if (req.contentEncoding !== undefined) headers['content-encoding'] = req.contentEncoding;
      let res: HttpResponse;
      try {
        res = await postBody(url, agent, headers, req.body, req.signal);
      } catch (err) {
        return { outcome: 'retryable', unavailable: true, error: `${url.host}: ${(err as Error).message}` };
      }
      const retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined, Date.now());
      const base = statusOutcome(res.status, retryAfter, `HTTP ${res.status} from ${url.host}`);
      if (base.outcome !== 'ok' || !/json/.test(String(res.headers['content-type']))) return base;
      let rejected: { index: number; status: number }[] | undefined;
      try {
        rejected = (JSON.parse(res.body.toString('utf8')) as { rejected?: { index: number; status: number }[] }).rejected;
      } catch {
        return base;
      }
      if (!Array.isArray(rejected) || rejected.length === 0) return base;
      const failed: RecordFailure[] = rejected.map((r) => ({ index: r.index, retryable: statusOutcome(r.status, undefined, '').outcome === 'retryable' }));
      return { outcome: 'partial', failed, error: `${failed.length} of ${req.records.length} records rejected by ${url.host}` };
    },
    async shutdown() {
      agent.destroy();
    },
  };
}
