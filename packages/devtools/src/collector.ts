/**
 * startDevCollector(): an embedded OTLP/HTTP receiver for development and tests.
 * POST /v1/traces and /v1/logs (application/x-protobuf or application/json, gzip or identity),
 * POST /v1/ndjson (Meridian JSON log lines). Answers per the OTLP/HTTP spec; never throws into
 * the host: a body it cannot decode gets a 400 with the reason, and the receiver keeps serving.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevLogRecord, DevSpan, DevTrace } from './model.js';
import { DecodeError } from './internal/decode-error.js';
import { readBody } from './internal/http-body.js';
import { decodeNdjson } from './internal/ndjson-logs.js';
import { decodeLogsRequestJson } from './internal/otlp-json-logs.js';
import { decodeTraceRequestJson } from './internal/otlp-json-traces.js';
import { decodeLogsRequestProto } from './internal/otlp-proto-logs.js';
import { decodeTraceRequestProto } from './internal/otlp-proto-traces.js';
import { exportResponse, RPC_INVALID_ARGUMENT, statusBody, type BodyEncoding } from './internal/otlp-responses.js';
import type { DecodedBatch } from './internal/span-draft.js';
import { TraceStore, type DevCollectorEvent, type DevCollectorSnapshot, type DevCollectorStats } from './internal/trace-store.js';

export interface DevCollectorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Largest accepted body, compressed and inflated; default 16 MiB. Larger bodies get a 413. */
  maxBodyBytes?: number;
  /** Spans kept in memory; the oldest are dropped (and counted) past this. Default 100 000. */
  maxSpans?: number;
  /** Log records kept in memory; default 100 000. */
  maxLogs?: number;
}

export interface DevCollector {
  /** Base URL, e.g. `http://127.0.0.1:43127`; exporters post to `${url}/v1/traces` and `${url}/v1/logs`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** Every span received, in arrival order (a copy). */
  spans(): DevSpan[];
  /** Every log record received, in arrival order (a copy). */
  logs(): DevLogRecord[];
  /** Spans grouped by trace id, each trace's spans sorted by start time. */
  traces(): DevTrace[];
  /** Resolves once `predicate` holds (checked now and after every batch); rejects after `timeoutMs`. */
  waitFor(predicate: (s: DevCollectorSnapshot) => boolean, timeoutMs?: number): Promise<DevCollectorSnapshot>;
  clear(): void;
  /** Called with each accepted batch; returns an unsubscribe function. */
  subscribe(listener: (e: DevCollectorEvent) => void): () => void;
  stats(): DevCollectorStats;
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
const OTLP_TYPES = 'application/x-protobuf, application/json';
const NDJSON_TYPES = new Set(['', 'application/x-ndjson', 'application/jsonl', 'application/json', 'text/plain']);

type Route = 'traces' | 'logs' | 'ndjson';

export async function startDevCollector(options: DevCollectorOptions = {}): Promise<DevCollector> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const store = new TraceStore(options.maxSpans ?? 100_000, options.maxLogs ?? 100_000);

  const server = createServer((req, res) => {
    handle(req, res, store, maxBody).catch((e: unknown) => {
      // Only a bug in this package gets here; answer 500 rather than crash the host.
      if (!res.headersSent) send(res, 500, 'json', statusBody('json', 13, `MERIDIAN_ERR_DEVTOOLS_INTERNAL: ${(e as Error)?.message ?? e}`));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        store.abortWaiters('the collector was closed');
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    spans: () => store.spans(),
    logs: () => store.logs(),
    traces: () => store.traces(),
    waitFor: (predicate, timeoutMs = 5_000) => store.waitFor(predicate, timeoutMs),
    clear: () => store.clear(),
    subscribe: (listener) => store.subscribe(listener),
    stats: () => ({ ...store.stats }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, store: TraceStore, maxBody: number): Promise<void> {
  store.stats.requests++;
  const path = (req.url ?? '/').split('?')[0];
  const route: Route | undefined = path === '/v1/traces' ? 'traces' : path === '/v1/logs' ? 'logs' : path === '/v1/ndjson' ? 'ndjson' : undefined;
  if (route === undefined) {
    req.resume();
    store.stats.badRequests++;
    return send(
      res,
      404,
      'json',
      statusBody('json', 5, `MERIDIAN_ERR_DEVTOOLS_NOT_FOUND: no such path ${path}; accepted: POST /v1/traces, /v1/logs, /v1/ndjson`),
    );
  }
  if (req.method === 'OPTIONS') {
    // CORS preflight, so browser exporters can send here too.
    res.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, content-encoding',
    });
    return void res.end();
  }
  if (req.method !== 'POST') {
    req.resume();
    store.stats.badRequests++;
    res.setHeader('allow', 'POST');
    return send(res, 405, 'json', statusBody('json', 12, `MERIDIAN_ERR_DEVTOOLS_METHOD: method ${req.method} not allowed on ${path}; accepted: POST`));
  }
  const mediaType = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  let encoding: BodyEncoding;
  if (route === 'ndjson') {
    if (!NDJSON_TYPES.has(mediaType)) return unsupported(req, res, store, mediaType, 'application/x-ndjson, application/json, text/plain');
    encoding = 'json';
  } else if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') {
    encoding = 'protobuf';
  } else if (mediaType === 'application/json') {
    encoding = 'json';
  } else {
    return unsupported(req, res, store, mediaType, OTLP_TYPES);
  }

  const read = await readBody(req, maxBody);
  if (!read.ok) {
    store.stats.badRequests++;
    return send(res, read.status, encoding, statusBody(encoding, RPC_INVALID_ARGUMENT, read.message));
  }

  if (read.gzip) store.stats.gzipRequests++;
  if (encoding === 'protobuf') store.stats.protobufRequests++;
  else store.stats.jsonRequests++;
  try {
    if (route === 'traces') {
      const batch = encoding === 'protobuf' ? decodeTraceRequestProto(read.body) : decodeTraceRequestJson(read.body);
      store.stats.spansRejected += batch.rejected;
      store.addSpans(batch.items);
      return send(res, 200, encoding, exportResponse(encoding, 'traces', batch.rejected, batch.rejectReason));
    }
    const batch: DecodedBatch<DevLogRecord> =
      route === 'ndjson'
        ? decodeNdjson(read.body, BigInt(Date.now()) * 1_000_000n)
        : encoding === 'protobuf'
          ? decodeLogsRequestProto(read.body)
          : decodeLogsRequestJson(read.body);
    store.stats.logsRejected += batch.rejected;
    if (route === 'ndjson' && batch.items.length === 0 && batch.rejected > 0) throw new DecodeError(batch.rejectReason);
    store.addLogs(batch.items);
    return send(res, 200, encoding, exportResponse(encoding, 'logs', batch.rejected, batch.rejectReason));
  } catch (e) {
    store.stats.badRequests++;
    const what = route === 'ndjson' ? 'NDJSON log lines' : `an OTLP ${route} request (${encoding})`;
    const reason = e instanceof DecodeError ? e.message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? e}`;
    return send(res, 400, encoding, statusBody(encoding, RPC_INVALID_ARGUMENT, `MERIDIAN_ERR_DEVTOOLS_BAD_BODY: body is not ${what}: ${reason}`));
  }
}

function unsupported(req: IncomingMessage, res: ServerResponse, store: TraceStore, mediaType: string, accepted: string): void {
  req.resume();
  store.stats.badRequests++;
  const got = mediaType === '' ? 'no content-type' : `content-type "${mediaType}"`;
  send(res, 415, 'json', statusBody('json', RPC_INVALID_ARGUMENT, `MERIDIAN_ERR_DEVTOOLS_MEDIA_TYPE: unsupported ${got}; accepted: ${accepted}`));
}

function send(res: ServerResponse, status: number, encoding: BodyEncoding, body: Buffer): void {
  res.writeHead(status, {
    'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json',
    'content-length': body.length,
    'access-control-allow-origin': '*',
  });
  res.end(body);
}
