/**
 * What a root logger and all its children share: serialiser, service, clock, the router (the route
 * stage: destinations and the per-request debug buffer, owned by @meridian/transport) and the
 * per-context serialisation memo.
 */
import type { Context } from '@opentelemetry/api';
import { derivedFromContextOf, getRequestScopeFrom, type ContextFields } from '@meridian/context';
import type { Router, RouterStats } from '@meridian/transport';
import { Entry } from './destination.js';
import { quote } from './json-string.js';
import type { Level } from './levels.js';
import { FieldLayer } from './field-layer.js';
import type { Serializer } from './serializer.js';

export interface CoreOptions {
  serializer: Serializer;
  service: string;
  router: Router;
  timeNow: () => number;
}

/** What the logger counted itself (destinations count their own): the router's counters. */
export type LoggerStats = RouterStats;

export class LoggerCore {
  readonly serializer: Serializer;
  /** `,"service":"name"`, serialised once. */
  readonly serviceText: string;
  readonly router: Router;
  readonly timeNow: () => number;
  /** Records below the level are held per request (the router's debug buffer is on). */
  readonly holding: boolean;
  /** Serialises a context's fields once per fields version (kept on the context scope). */
  private readonly layerOf = (fields: ContextFields): FieldLayer => new FieldLayer(this.serializer.entries(fields));

  constructor(options: CoreOptions) {
    this.serializer = options.serializer;
    this.serviceText = ',"service":' + quote(options.service);
    this.router = options.router;
    this.timeNow = options.timeNow;
    this.holding = options.router.holding;
  }

  /** The fields of context `ctx` serialised, once per fields version; undefined outside any scope. */
  contextLayer(ctx: Context): FieldLayer | undefined {
    return derivedFromContextOf(ctx, this, this.layerOf);
  }

  /** Hand a record written in context `ctx` to the route stage (error/fatal release the request's held records first). */
  emit(time: number, level: Level, levelValue: number, line: string, ctx: Context): void {
    this.router.write(new Entry(time, level, levelValue, line), levelValue >= 50 && this.holding ? getRequestScopeFrom(ctx) : undefined);
  }

  /** Hold a record below the level for the request `scope`. */
  hold(scope: object, time: number, level: Level, levelValue: number, line: string): void {
    this.router.hold(scope, new Entry(time, level, levelValue, line));
  }

  endRequest(scope: object): void {
    this.router.endRequest(scope);
  }

  stats(): LoggerStats {
    return this.router.stats();
  }

  flush(): Promise<void> {
    return this.router.flush();
  }

  flushSync(): void {
    this.router.flushSync();
  }

  close(): Promise<void> {
    return this.router.close();
  }
}
