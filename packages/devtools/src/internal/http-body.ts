/**
 * Reads a request body up to a byte limit, then gunzips it when `content-encoding: gzip`,
 * with the same limit on the inflated size (a small gzip bomb cannot blow up memory).
 */
import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

export type BodyResult = { ok: true; body: Buffer; gzip: boolean } | { ok: false; status: 400 | 413 | 415; message: string };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'identity' && encoding !== '') {
    req.resume();
    return Promise.resolve({
      ok: false,
      status: 415,
      message: `MERIDIAN_ERR_DEVTOOLS_MEDIA_TYPE: unsupported content-encoding "${encoding}"; accepted: gzip, identity`,
    });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(tooLarge(limit));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (e) => resolve({ ok: false, status: 400, message: `MERIDIAN_ERR_DEVTOOLS_BAD_BODY: request body could not be read: ${e.message}` }));
    req.on('end', () => {
      if (over) return resolve(tooLarge(limit));
      const raw = Buffer.concat(chunks, size);
      if (encoding !== 'gzip') return resolve({ ok: true, body: raw, gzip: false });
      gunzip(raw, { maxOutputLength: limit }, (err, out) => {
        if (err === null) return resolve({ ok: true, body: out, gzip: true });
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return resolve(tooLarge(limit, 'inflated '));
        resolve({ ok: false, status: 400, message: `MERIDIAN_ERR_DEVTOOLS_BAD_BODY: content-encoding is gzip but the body does not inflate: ${err.message}` });
      });
    });
  });
}

function tooLarge(limit: number, what = ''): BodyResult {
  return { ok: false, status: 413, message: `MERIDIAN_ERR_DEVTOOLS_TOO_LARGE: ${what}request body larger than the ${limit}-byte limit (maxBodyBytes)` };
}
