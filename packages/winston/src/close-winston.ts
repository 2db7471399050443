/**
 * closeWinston(logger): end a winston logger and wait until every record reached Meridian's
 * destinations. winston's own `close()` does not wait, and its 'finish' only waits for transports
 * that delay their own 'finish' (MeridianTransport does); this helper waits for both, bounded.
 */
import { diagnose, getConfig, type MeridianConfig } from '@meridian/config';
import type winston from 'winston';
import { ERR_WINSTON_CLOSE_TIMEOUT } from './internal/symbols.js';
import { MeridianTransport } from './transport.js';

export interface CloseWinstonOptions {
  /** Longest wait (default MERIDIAN_SHUTDOWN_TIMEOUT_MS, 5000). */
  timeoutMs?: number;
  /** Resolved configuration for the default timeout; default `getConfig()`. */
  config?: MeridianConfig;
}

const DRAIN_POLL_MS = 5;

function drained(logger: winston.Logger): boolean {
  if (logger.readableLength > 0) return false;
  for (const t of logger.transports) if (t.writableLength > 0) return false;
  return true;
}

/** Resolves 'done', or 'timeout' after `timeoutMs` (one diagnostic). Never rejects; idempotent. */
export async function closeWinston(logger: winston.Logger, options: CloseWinstonOptions = {}): Promise<'done' | 'timeout'> {
  const timeoutMs =
    typeof options.timeoutMs === 'number' && options.timeoutMs >= 0 ? options.timeoutMs : (options.config ?? getConfig()).runtime.shutdownTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ours = logger.transports.filter((t): t is MeridianTransport => t instanceof MeridianTransport);
    const started = Date.now();
    // winston's end() ends every transport at once; records still buffered behind a slower transport
    // (the logger's readable side) would then be written after end and lost. Let them drain first.
    while (!drained(logger) && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
    const finished = new Promise<void>((resolve) => {
      if (logger.writableFinished) return resolve();
      logger.once('finish', () => resolve());
      logger.once('error', () => resolve());
      if (!logger.writableEnded) logger.end();
    });
    const all = finished.then(() => Promise.all(ours.map((t) => t.close()))).then(() => 'done' as const);
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs - (Date.now() - started)));
    });
    const r = await Promise.race([all, deadline]);
    if (r === 'timeout')
      diagnose(
        ERR_WINSTON_CLOSE_TIMEOUT,
        `closeWinston: the winston logger did not finish within ${timeoutMs} ms; records not yet delivered stay with the destinations`,
      );
    return r;
  } catch {
    return 'done';
  } finally {
    clearTimeout(timer);
  }
}
