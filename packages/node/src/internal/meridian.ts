import { diagnose, getConfig, type MeridianConfig } from '@meridian/config';
import { createLogger, getDefaultLogger, setDefaultLogger, type Logger, type LoggerOptions } from '@meridian/logger';
import { getTracing, startTracing, type TracingHandle, type TracingOptions } from '@meridian/tracing';
import { instrumentOutbound } from '@meridian/http';
import { settleWithin } from './deadline.js';
import { installProcessHooks, removeProcessHooks } from './process-hooks.js';

export const ERR_SHUTDOWN_TIMEOUT = 'MERIDIAN_ERR_SHUTDOWN_TIMEOUT';
export const ERR_START_FAILED = 'MERIDIAN_ERR_START_FAILED';
export const ERR_ALREADY_STARTED = 'MERIDIAN_ERR_ALREADY_STARTED';

export interface MeridianOptions {
  /** Parsed configuration (default `getConfig()`); tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** Tracing options, or `false` for logs only. Default: from the environment. */
  tracing?: TracingOptions | false;
  /** A logger to install as the default, or options for `createLogger()`. Default: from the environment. */
  logger?: Logger | LoggerOptions;
  /** Flush on SIGTERM/SIGINT/beforeExit/exit (default true). */
  handleProcessEvents?: boolean;
  /**
   * Propagate the trace on outbound `fetch` and `http`/`https` requests, with CLIENT spans
   * (default: MERIDIAN_HTTP_OUTBOUND, on; only while tracing runs).
   */
  outbound?: boolean;
  /** Deadline for `shutdown()` (default `MERIDIAN_SHUTDOWN_TIMEOUT_MS`, 5000). */
  shutdownTimeoutMs?: number;
}

export interface Meridian {
  readonly logger: Logger;
  /** Undefined when started with `tracing: false`. */
  readonly tracing: TracingHandle | undefined;
  readonly shutdownTimeoutMs: number;
  /** Flush logs and spans and stop tracing, within the deadline. Idempotent; never rejects. */
  shutdown(): Promise<void>;
  /** Flush logs and spans without stopping, within the deadline. Never rejects. */
  flush(): Promise<void>;
}

let current: Meridian | undefined;
let shuttingDown: Promise<'done' | 'timeout'> | undefined;

function isLogger(x: unknown): x is Logger {
  return typeof x === 'object' && x !== null && typeof (x as Logger).info === 'function' && typeof (x as Logger).flush === 'function';
}

/**
 * What `--import @meridian/node/register` runs: tracing, the default logger and the process hooks,
 * from the environment (options in code win). Idempotent: a second call returns the running setup.
 */
export function startMeridian(options: MeridianOptions = {}): Meridian {
  if (current !== undefined) {
    if (Object.keys(options).length > 0) {
      diagnose(
        ERR_ALREADY_STARTED,
        'startMeridian() was called with options after Meridian had started (e.g. by --import @meridian/node/register); ' +
          'the running setup is kept and these options are ignored. Accepted: options on the first call only',
      );
    }
    return current;
  }
  const config = options.config ?? getConfig();
  const timeoutMs = options.shutdownTimeoutMs ?? config.runtime.shutdownTimeoutMs;

  let tracing: TracingHandle | undefined;
  if (options.tracing !== false) {
    try {
      tracing = getTracing() ?? startTracing({ config, timeoutMs, ...options.tracing });
    } catch (e) {
      diagnose(ERR_START_FAILED, `tracing could not start (${e instanceof Error ? e.message : String(e)}); continuing with logs only`);
    }
  }
  if (tracing !== undefined && options.outbound !== false) {
    try {
      instrumentOutbound(options.outbound === true ? { enabled: true } : {});
    } catch (e) {
      diagnose(
        ERR_START_FAILED,
        `outbound HTTP instrumentation could not start (${e instanceof Error ? e.message : String(e)}); outbound requests are not traced`,
      );
    }
  }
  const logger = isLogger(options.logger) ? options.logger : createLogger({ config, ...options.logger });
  setDefaultLogger(logger);

  const m: Meridian = {
    logger,
    tracing,
    shutdownTimeoutMs: timeoutMs,
    shutdown: () => shutdown(),
    flush: () => flushAll(m),
  };
  current = m;
  if (options.handleProcessEvents !== false) {
    installProcessHooks({ shutdown: shutdownWithStatus, flush: () => flushAll(m), flushSync: () => flushSyncAll(m) });
  }
  return m;
}

/** The running setup, if `startMeridian()` (or register) ran. */
export function getMeridian(): Meridian | undefined {
  return current;
}

function loggersToFlush(m: Meridian): Logger[] {
  const d = getDefaultLogger();
  return d === m.logger ? [m.logger] : [m.logger, d];
}

async function flushAll(m: Meridian): Promise<void> {
  const work = Promise.all([...loggersToFlush(m).map((l) => l.flush()), m.tracing?.forceFlush()]);
  if ((await settleWithin(work, m.shutdownTimeoutMs)) === 'timeout') {
    diagnose(
      ERR_SHUTDOWN_TIMEOUT,
      `flushing logs and spans did not finish within ${m.shutdownTimeoutMs} ms (MERIDIAN_SHUTDOWN_TIMEOUT_MS); what was not written is lost`,
    );
  }
}

/**
 * Flush logs and spans, then stop tracing — all within `MERIDIAN_SHUTDOWN_TIMEOUT_MS`. Removes the
 * process hooks. Idempotent (every call waits for the one shutdown), never rejects. Without
 * `startMeridian()` it flushes the default logger if one was built.
 */
export function shutdown(): Promise<void> {
  return shutdownWithStatus().then(() => undefined);
}

function flushSyncAll(m: Meridian): void {
  // a logger given in code may be any object with the Logger methods; flushSync is called only if it has one
  for (const l of loggersToFlush(m)) if (typeof l.flushSync === 'function') l.flushSync();
}

function shutdownWithStatus(): Promise<'done' | 'timeout'> {
  shuttingDown ??= (async () => {
    const m = current;
    if (m === undefined) {
      const timeoutMs = getConfig().runtime.shutdownTimeoutMs;
      const r = await settleWithin(getDefaultLogger().flush(), timeoutMs);
      if (r === 'timeout') diagnose(ERR_SHUTDOWN_TIMEOUT, `flushing logs did not finish within ${timeoutMs} ms (MERIDIAN_SHUTDOWN_TIMEOUT_MS)`);
      return r;
    }
    removeProcessHooks();
    let tracingResult: string | undefined;
    // Closed, not just flushed: a transport whose destination is down then spools (or counts) at once
    // instead of waiting for a delivery that cannot happen before the deadline.
    const work = Promise.all([
      ...loggersToFlush(m).map((l) => l.close()),
      m.tracing?.shutdown().then((t) => {
        tracingResult = t;
      }),
    ]);
    const r = await settleWithin(work, m.shutdownTimeoutMs);
    // tracing bounds itself with the same deadline and reports a timeout itself
    if (tracingResult === 'timeout') return 'timeout';
    if (r === 'timeout') {
      diagnose(
        ERR_SHUTDOWN_TIMEOUT,
        `shutdown did not finish within ${m.shutdownTimeoutMs} ms (MERIDIAN_SHUTDOWN_TIMEOUT_MS); logs or spans not yet written are lost`,
      );
    }
    return r;
  })();
  return shuttingDown;
}
