import type http from 'node:http';
import type https from 'node:https';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Longest response body kept: OTLP answers are small (a partial_success or a google.rpc.Status). */
const MAX_RESPONSE = 64 * 1024;

/** POST `body`; resolves with the answer; rejects on network errors, on `signal` and after `timeoutMs`. */
export function post(url: URL, agent: http.Agent | https.Agent, headers: Record<string, string>, body: Uint8Array, signal: AbortSignal, timeoutMs: number): Promise<PostResponse> {
  const both = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.byteLength) }, signal: both }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_RESPONSE) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
