import type http from 'node:http';
import type https from 'node:https';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The answer's body, cut at `maxResponseBytes`. */
  body: Buffer;
}

export interface PostOptions {
  /** Longest response body kept (default 4 MiB: per-record results of a large batch fit; anything else is cut). */
  maxResponseBytes?: number;
  /** Abort after this long, on top of `signal`. */
  timeoutMs?: number;
}

const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;

/**
 * POST `body` with node:http/https (one implementation for every HTTP exporter); resolves with the
 * answer, rejects on network errors, on `signal` and after `timeoutMs`.
 */
export function postBody(
  url: URL,
  agent: http.Agent | https.Agent,
  headers: Record<string, string>,
  body: Uint8Array,
  signal: AbortSignal,
  options: PostOptions = {},
): Promise<HttpResponse> {
  const max = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  const abort = options.timeoutMs === undefined ? signal : AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]);
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.byteLength) }, signal: abort }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= max) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
