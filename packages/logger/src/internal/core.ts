/**
 * What a root logger and all its children share: serialiser, service, destinations, clock,
 * the per-context serialisation cache, and the close state.
 */
import { Entry, type Destination } from './destination.js';
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
}

export class LoggerCore {
  readonly serializer: Serializer;
  /** `,"service":"name"`, serialised once. */
  readonly serviceText: string;
  readonly destinations: readonly Destination[];
  readonly timeNow: () => number;
  /** Context fields objects are immutable per version: serialise each once. */
  private readonly contextCache = new WeakMap<object, FieldLayer>();
  private lastContext: object | undefined = undefined;
  private lastContextEntry: FieldLayer = FieldLayer.EMPTY;
  private closing: Promise<void> | undefined = undefined;
  private readonly exitToken: ExitToken | undefined;
  closed = false;
  /** Records logged after close(), and destination write() calls that threw. */
  droppedAfterClose = 0;
  destinationErrors = 0;

  constructor(options: CoreOptions) {
    this.serializer = options.serializer;
    this.serviceText = ',"service":' + quote(options.service);
    this.destinations = Object.freeze(options.destinations.slice());
    this.timeNow = options.timeNow;
    this.exitToken = options.flushOnExit ? registerForExit(this.destinations) : undefined;
  }

  /** The serialised context fields object, once per object (context objects are immutable per version). */
  contextEntry(ctx: object): FieldLayer {
    if (ctx === this.lastContext) return this.lastContextEntry;
    let entry = this.contextCache.get(ctx);
    if (entry === undefined) {
      entry = new FieldLayer(this.serializer.entries(ctx));
      this.contextCache.set(ctx, entry);
    }
    this.lastContext = ctx;
    this.lastContextEntry = entry;
    return entry;
  }

  emit(time: number, level: Level, levelValue: number, line: string): void {
    if (this.closed) {
      this.droppedAfterClose++;
      return;
    }
    const entry = new Entry(time, level, levelValue, line);
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
