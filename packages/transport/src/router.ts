/**
 * The route stage: one place where a record meets its destinations. Records go to every destination
 * in order; with the per-request debug buffer on, records below the logger's level written inside a
 * request are held for that request and go out just before its first error (or are discarded,
 * counted, when it ends without one). A logger and all its children share one router.
 */
import { diagnose } from '@meridian/config';
import { DebugBuffers } from './internal/debug-buffer.js';
import { ERR_RECORDS_DROPPED } from './internal/drop-report.js';
import { registerForExit, unregisterForExit } from './internal/exit-registry.js';
import type { Destination, LogEntry } from './types.js';

export interface RouterOptions {
  destinations: readonly Destination[];
  /** Records held per request below the level; 0 switches the debug buffer off. */
  debugBufferMax?: number;
  /** Give every destination its synchronous last write on process 'exit' (default true). */
  flushOnExit?: boolean;
}

/** What the router counted (each destination counts its own deliveries and drops). */
export interface RouterStats {
  /** Records routed after close(). */
  droppedAfterClose: number;
  /** Destination write() calls that threw (the record is lost for that destination). */
  destinationErrors: number;
  /** Debug-buffer records held now, written because their request logged an error, and discarded. */
  debugHeld: number;
  debugFlushed: number;
  debugDiscarded: number;
  debugOverflow: number;
}

/** levelValue at and above which a request's held records are released (error, fatal). */
const RELEASES = 50;

export class Router {
  readonly destinations: readonly Destination[];
  /** The per-request holding area (undefined: off). */
  private readonly held: DebugBuffers | undefined;
  private closing: Promise<void> | undefined = undefined;
  closed = false;
  private droppedAfterClose = 0;
  private destinationErrors = 0;
  private debugFlushed = 0;
  private debugDiscarded = 0;
  private debugOverflow = 0;
  private readonly exitTokens: WeakRef<object>[];

  constructor(options: RouterOptions) {
    this.destinations = Object.freeze(options.destinations.slice());
    // Each destination, not the router, is registered (weakly): a destination that still holds records
    // is kept alive by its own scheduled write, while the router may already be unreachable — a logger
    // made in a module's top level and never used again is collected before a natural exit.
    this.exitTokens = options.flushOnExit === false ? [] : this.destinations.filter((d) => typeof d.flushSync === 'function').map((d) => registerForExit(d));
    const max = options.debugBufferMax ?? 0;
    this.held =
      max > 0
        ? new DebugBuffers(max, (n, why) => {
            if (why === 'debug_buffer_overflow') this.debugOverflow += n;
            else this.debugDiscarded += n;
          })
        : undefined;
  }

  /** Whether records below the level are held per request. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /**
   * Route one record. `request`: the request it was written in, given for error/fatal records when
   * holding (see `holding`), so that request's held records go out first, in order, with their own
   * timestamps.
   */
  write(entry: LogEntry, request?: object): void {
    if (this.closed) return this.afterClose();
    if (request !== undefined && entry.levelValue >= RELEASES && this.held !== undefined) {
      const earlier = this.held.take(request);
      if (earlier !== undefined) {
        this.debugFlushed += earlier.length;
        for (const e of earlier) this.deliver(e);
      }
    }
    this.deliver(entry);
  }

  /** Hold a record below the level for `request` (only when `holding`). */
  hold(request: object, entry: LogEntry): void {
    if (this.closed) return this.afterClose();
    if (this.held !== undefined) this.held.hold(request, entry);
  }

  /** The request ended without an error: forget its held records (counted as discarded). */
  endRequest(request: object): void {
    this.held?.end(request);
  }

  private deliver(entry: LogEntry): void {
    const list = this.destinations;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i]!.write(entry);
      } catch {
        if (this.destinationErrors++ === 0) {
          diagnose(
            ERR_RECORDS_DROPPED,
            "a destination's write() threw: that record is lost for that destination (the others still get it); counted in logger.stats().destinationErrors",
          );
        }
      }
    }
  }

  private afterClose(): void {
    if (this.droppedAfterClose++ === 0) {
      diagnose(ERR_RECORDS_DROPPED, 'records were logged after the logger was closed: they are dropped; counted in logger.stats().droppedAfterClose');
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.destinations.map((d) => safely(() => d.flush())));
  }

  /** Last-chance synchronous write of every destination (process exit). */
  flushSync(): void {
    for (const d of this.destinations) {
      try {
        d.flushSync?.();
      } catch {
        // exiting: nothing left to do with the failure
      }
    }
  }

  /** Stop routing and close every destination. Idempotent; never rejects. */
  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      for (const t of this.exitTokens) unregisterForExit(t);
      this.closing = Promise.all(this.destinations.map((d) => safely(() => d.close()))).then(() => undefined);
    }
    return this.closing;
  }

  stats(): RouterStats {
    return {
      droppedAfterClose: this.droppedAfterClose,
      destinationErrors: this.destinationErrors,
      debugHeld: this.held?.held ?? 0,
      debugFlushed: this.debugFlushed,
      debugDiscarded: this.debugDiscarded,
      debugOverflow: this.debugOverflow,
    };
  }
}

export function createRouter(options: RouterOptions): Router {
  return new Router(options);
}

async function safely(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // destinations promise never to reject; a broken one must not break flush()/close() for the others
  }
}
