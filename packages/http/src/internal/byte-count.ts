import { ServerResponse } from 'node:http';
import { scopeOfResponse } from './request-scope.js';

/**
 * Response body bytes for the access log when no Content-Length is set (streams, chunked).
 *
 * Counted by wrapping `write`/`end` once on `http.ServerResponse.prototype` rather than storing
 * an own `write`/`end` on each response: on Express (which re-parents every response onto its own
 * prototype) those per-response stores showed as several µs per request in the server's CPU
 * profile. A response Meridian does not track costs one missed property read per write. Wrappers
 * other code puts on a response instance call through to these.
 * Responses of another class (HTTP/2 compatibility API) are wrapped per instance instead.
 */
function chunkBytes(chunk: unknown, encoding: unknown): number {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return 0;
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}

type Write = (this: ServerResponse, ...args: unknown[]) => boolean;
type End = (this: ServerResponse, ...args: unknown[]) => ServerResponse;

const WRAPPED = Symbol.for('meridian.http.byte-count');

function countingWrite(original: Write): Write {
  const wrapped = function meridianCountingWrite(this: ServerResponse, chunk: unknown, encoding?: unknown): boolean {
    const scope = scopeOfResponse(this);
    if (scope !== undefined && !scope.done) scope.bytes += chunkBytes(chunk, encoding);
    // eslint-disable-next-line prefer-rest-params -- forwards the caller's arguments as they are, without an array per call (hot path)
    return original.apply(this, arguments as unknown as unknown[]);
  };
  (wrapped as unknown as Record<symbol, unknown>)[WRAPPED] = true;
  return wrapped as Write;
}

function countingEnd(original: End): End {
  const wrapped = function meridianCountingEnd(this: ServerResponse, chunk?: unknown, encoding?: unknown): ServerResponse {
    const scope = scopeOfResponse(this);
    if (scope !== undefined && !scope.done && !this.writableEnded) scope.bytes += chunkBytes(chunk, encoding);
    // eslint-disable-next-line prefer-rest-params -- forwards the caller's arguments as they are, without an array per call (hot path)
    return original.apply(this, arguments as unknown as unknown[]);
  };
  (wrapped as unknown as Record<symbol, unknown>)[WRAPPED] = true;
  return wrapped as End;
}

function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[WRAPPED] === true;
}

/** Wrap `target`'s write/end (a prototype or one response) unless already wrapped. */
function wrapWriteEnd(target: { write: Write; end: End }): void {
  if (!isWrapped(target.write)) target.write = countingWrite(target.write);
  if (!isWrapped(target.end)) target.end = countingEnd(target.end);
}

/** Wrap `http.ServerResponse.prototype.write/end` (once per process). */
export function installByteCounting(): void {
  wrapWriteEnd(ServerResponse.prototype as unknown as { write: Write; end: End });
}

/** Make sure `res`'s writes are counted: nothing to do for node:http responses; other classes are wrapped per instance. */
export function countBytesOf(res: ServerResponse): void {
  if (!(res instanceof ServerResponse)) wrapWriteEnd(res as unknown as { write: Write; end: End });
}
