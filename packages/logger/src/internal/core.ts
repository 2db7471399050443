/**
 * What a root logger and all its children share: serialiser, service, destinations, clock,
 * the per-context serialisation cache, and the close state.
 */
import { getRequestScope, type ContextMemo } from '@meridian/context';
import { DebugBuffers } from '@meridian/transport';
import { Entry, type Destination, type LogEntry } from './destination.js';
import { quote } from './json-string.js';
import { type ExitToken, registerForExit, unregisterForExit } from './exit-hook.js';
import type { Level } from './levels.js';
import { FieldLayer } from './field-layer.js';
import type { Serializer } from './serializer.js';

export interface CoreOptions {
  serializer: Serializer;
  service: string;
  destinations: Destination[];
  timeNow: () => number;
  flushOnExit: boolean;
  /** Per-request hold of records below the level (0: off). */
  debugBufferMax: number;
}

/** What the logger itself counted (destinations count their own). */
export interface LoggerStats {
  /** Records logged after close(). */
  droppedAfterClose: number;
  /** Destination write() calls that threw (the record is lost for that destination). */
  destinationErrors: number;
  /** Debug-buffer records held now, written because their request logged an error, and discarded. */
  debugHeld: number;
  debugFlushed: number;
  debugDiscarded: number;
  debugOverflow: number;
}

export class LoggerCore {
  readonly serializer: Serializer;
  /** `,"service":"name"`, serialised once. */
  readonly serviceText: string;
  readonly destinations: readonly Destination[];
  readonly timeNow: () => number;
  private closing: Promise<void> | undefined = undefined;
  private readonly exitToken: ExitToken | undefined;
  closed = false;
  /** Records logged after close(), and destination write() calls that threw. */
  droppedAfterClose = 0;
  destinationErrors = 0;
  /** Per-request holding area for records the level would discard (undefined: off). */
  readonly held: DebugBuffers | undefined;
  private debugFlushed = 0;
  private debugDiscarded = 0;
  private debugOverflow = 0;

  constructor(options: CoreOptions) {
    this.serializer = options.serializer;
    this.serviceText = ',"service":' + quote(options.service);
    this.destinations = Object.freeze(options.destinations.slice());
    this.timeNow = options.timeNow;
    this.exitToken = options.flushOnExit ? registerForExit(this.destinations) : undefined;
    this.held = options.debugBufferMax > 0
      ? new DebugBuffers(options.debugBufferMax, (n, why) => {
        if (why === 'debug_buffer_overflow') this.debugOverflow += n;
        else this.debugDiscarded += n;
      })
      : undefined;
  }

  /** Hold a record below the level for the request `scope` (see `emit`). */
  hold(scope: object, time: number, level: Level, levelValue: number, line: string): void {
    if (this.closed) {
      this.droppedAfterClose++;
      return;
    }
    this.held!.hold(scope, new Entry(time, level, levelValue, line));
  }

  /** The request `scope` ended without an error: forget its held records (counted as discarded). */
  endRequest(scope: object): void {
    this.held?.end(scope);
  }

  stats(): LoggerStats {
    return {
      droppedAfterClose: this.droppedAfterClose,
      destinationErrors: this.destinationErrors,
      debugHeld: this.held?.held ?? 0,
      debugFlushed: this.debugFlushed,
      debugDiscarded: this.debugDiscarded,
      debugOverflow: this.debugOverflow,
    };
  }

  /**
   * The current context fields serialised, once per fields version: kept in the scope's memo slot
   * (fields objects are immutable; a new version is a new object). Undefined outside any scope.
   */
  contextLayer(memo: ContextMemo | undefined): FieldLayer | undefined {
    if (memo === undefined) return undefined;
    const fields = memo.snapshot;
    if (memo.memoOwner === this && memo.memoSnapshot === fields) return memo.memoValue as FieldLayer;
    const layer = new FieldLayer(this.serializer.entries(fields));
    memo.memoOwner = this;
    memo.memoSnapshot = fields;
    memo.memoValue = layer;
    return layer;
  }

  emit(time: number, level: Level, levelValue: number, line: string): void {
    if (this.closed) {
      this.droppedAfterClose++;
      return;
    }
    if (levelValue >= 50 && this.held !== undefined) {
      // An error in a request: first the debug context it held, in order, with their own timestamps.
      const scope = getRequestScope();
      const earlier = scope === undefined ? undefined : this.held.take(scope);
      if (earlier !== undefined) {
        this.debugFlushed += earlier.length;
        for (const e of earlier) this.deliver(e);
      }
    }
    this.deliver(new Entry(time, level, levelValue, line));
  }

  private deliver(entry: LogEntry): void {
    const list = this.destinations;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i].write(entry);
      } catch {
        this.destinationErrors++;
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.destinations.map((d) => safely(() => d.flush())));
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      unregisterForExit(this.exitToken);
      this.closing = Promise.all(this.destinations.map((d) => safely(() => d.close()))).then(() => undefined);
    }
    return this.closing;
  }
}

async function safely(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // Destinations promise never to reject; a broken one must not break flush()/close() for the others.
  }
}
