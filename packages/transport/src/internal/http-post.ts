import type http from 'node:http';
import type https from 'node:https';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Longest response body we keep (per-record results of a large batch fit; anything else is cut). */
const MAX_RESPONSE = 4 * 1024 * 1024;

/** POST `body`; resolves with the answer, rejects on network errors and on abort. */
export function postBody(url: URL, agent: http.Agent | https.Agent, headers: Record<string, string>, body: Uint8Array, signal: AbortSignal): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.byteLength) }, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_RESPONSE) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
