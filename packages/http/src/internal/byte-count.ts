import type { ServerResponse } from 'node:http';
import { scopeOfResponse } from './request-scope.js';

/**
 * Response body bytes for the access log when no Content-Length is set (streams, chunked). The
 * wrappers are module-level functions (no per-request closure); the original write/end of this
 * response (possibly another middleware's wrapper) is kept on the request scope.
 */
function chunkBytes(chunk: unknown, encoding: unknown): number {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return 0;
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}

export function countingWrite(this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
  const scope = scopeOfResponse(this);
  if (scope === undefined || scope.origWrite === undefined) return false;
  scope.bytes += chunkBytes(chunk, encoding);
  return (scope.origWrite as (...a: unknown[]) => boolean).apply(this, arguments as unknown as unknown[]);
}

export function countingEnd(this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse {
  const scope = scopeOfResponse(this);
  if (scope === undefined || scope.origEnd === undefined) return this;
  if (!this.writableEnded) scope.bytes += chunkBytes(chunk, encoding);
  return (scope.origEnd as (...a: unknown[]) => ServerResponse).apply(this, arguments as unknown as unknown[]);
}
