import { type Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Longest response body kept: a filtered _bulk answer for 10,000 items is ~0.5 MB. */
const MAX_RESPONSE = 16 * 1024 * 1024;

/** POST `body`; resolves with the answer, rejects on network errors and on abort. */
export function post(url: URL, agent: HttpAgent | HttpsAgent, headers: Record<string, string>, body: Uint8Array, signal: AbortSignal): Promise<PostResponse> {
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
