import { promisify } from 'node:util';
import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { gzip } from 'node:zlib';
import type { ExportResult, Exporter, QueueEntry } from '../types.js';
import type { Batch } from './batch.js';

const gzipAsync = promisify(gzip);

/**
 * Sends run outside any request: in the root context (a batch is cut by a timer that may have been
 * armed inside a request, whose context it would otherwise inherit) with tracing suppressed, so the
 * outbound HTTP instrumentation never turns our own exports into spans of the user's traces.
 */
const EXPORT_CONTEXT = suppressTracing(ROOT_CONTEXT);

export interface ExportSettings {
  readonly gzip: boolean;
  readonly gzipLevel: number;
  readonly exportTimeoutMs: number;
}

/**
 * One send of `batch`: encode (kept on the batch for whole-batch retries), compress, send with a
 * timeout. Never rejects: a throw from `send` or the compressor is a retryable, unavailable outcome;
 * a throw from `encode` resolves to `undefined` (the records cannot ever be encoded: dropped).
 */
export async function exportOnce(
  exporter: Exporter<QueueEntry>,
  batch: Batch,
  o: ExportSettings,
): Promise<ExportResult | { outcome: 'encode_error'; error: string }> {
  try {
    if (batch.body === undefined) {
      let body: Uint8Array;
      try {
        const enc = exporter.encode(batch.entries);
        body = typeof enc === 'string' ? Buffer.from(enc, 'utf8') : enc;
      } catch (err) {
        return { outcome: 'encode_error', error: `encode failed: ${(err as Error).message}` };
      }
      // zlib's async gzip runs on the libuv thread pool, not on the event loop
      batch.body = o.gzip ? await gzipAsync(body, { level: o.gzipLevel }) : body;
    }
    const abort = new AbortController();
    batch.abort = abort;
    let timer: NodeJS.Timeout | undefined;
    // an exporter that ignores its signal must not hold a delivery slot forever: the timeout wins the race
    const timedOut = new Promise<ExportResult>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ outcome: 'retryable', unavailable: true, error: `export timed out after ${o.exportTimeoutMs} ms` });
      }, o.exportTimeoutMs);
    });
    try {
      return await Promise.race([
        context.with(EXPORT_CONTEXT, () =>
          exporter.send({ body: batch.body!, contentEncoding: o.gzip ? 'gzip' : undefined, records: batch.entries, signal: abort.signal }),
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    return { outcome: 'retryable', unavailable: true, error: (err as Error).message };
  }
}
