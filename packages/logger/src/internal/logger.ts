/**
 * The Logger. Level methods are per-instance properties: a disabled level is the shared `noop`
 * (no record, no argument touched); changing the level re-binds them. Child bindings are
 * serialised once at `child()` time.
 */
import { types } from 'node:util';
import { context, type Context } from '@opentelemetry/api';
import { getRequestScope, traceFieldsOf } from '@meridian/context';
import type { LoggerCore, LoggerStats } from './core.js';
import { FieldLayer } from './field-layer.js';
import { type Level, type LevelSetting, isLevelSetting, levelValues, thresholdOf } from './levels.js';
import { quote } from './json-string.js';
import { isoTime } from './timestamp.js';

/**
 * Fields attached to a record: any object, read (own enumerable string keys) and never modified.
 * An `Error` given as the fields is written under `error`. Typed `object` so interfaces and class
 * instances are accepted without an index signature.
 */
export type Fields = object;

export type LogMethod = (message: string | Error, fields?: Fields) => void;

export interface Logger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  /** Current level; assigning re-binds the level methods of this logger (not of its children). */
  level: LevelSetting;
  /** A logger whose records carry `fields` (after its parent's bindings; a key here replaces the parent's). */
  child(fields: Fields): Logger;
  isLevelEnabled(level: Level): boolean;
  /** Resolves when every destination has written what was logged before the call. Never rejects. */
  flush(): Promise<void>;
  /** Flush and release every destination (shared with the parent and children). Idempotent; never rejects. */
  close(): Promise<void>;
  /** The request `scope` (from @meridian/context's getRequestScope) ended: discard its held debug records. */
  endRequest(scope: object): void;
  /** What the logger counted itself: drops after close, failing destinations, the debug buffer. */
  stats(): LoggerStats;
  /** Last-chance synchronous write of every destination (process exit). Never throws. */
  flushSync(): void;
}

function noop(): void {}

/** `","level":"info","message":` per level, built once. */
const LEVEL_TEXT: Readonly<Record<Level, string>> = {
  trace: '","level":"trace","message":',
  debug: '","level":"debug","message":',
  info: '","level":"info","message":',
  warn: '","level":"warn","message":',
  error: '","level":"error","message":',
  fatal: '","level":"fatal","message":',
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Internal entry point (not part of the Logger interface): `logger[WRITE_IN_CONTEXT](ctx, level, message,
 * fields)` writes a record as if `ctx` were the active context — trace ids, context fields and the
 * request's debug buffer all come from `ctx`. @meridian/http writes the access line through it at the
 * end of a request instead of entering the request's context for it (an AsyncLocalStorage run: ≈ 0.33 µs
 * and a frame copy per request on Node 24). Keyed by Symbol.for, so the two packages need no import.
 */
export const WRITE_IN_CONTEXT = Symbol.for('meridian.logger.writeInContext');

export class MeridianLogger implements Logger {
  // Assigned in a fixed order in the constructor: one hidden class for every logger.
  trace: LogMethod = noop;
  debug: LogMethod = noop;
  info: LogMethod = noop;
  warn: LogMethod = noop;
  error: LogMethod = noop;
  fatal: LogMethod = noop;
  private threshold = Infinity;
  private setting: LevelSetting = 'info';
  private readonly core: LoggerCore;
  /** Child bindings, serialised once (parent's first, a child's key replacing the parent's). */
  private readonly bindings: FieldLayer;
  /** Context text with this logger's binding keys removed, for the last context layer seen. */
  private lastContextLayer: FieldLayer | undefined = undefined;
  private lastContextText = '';

  constructor(core: LoggerCore, level: LevelSetting, bindings: FieldLayer) {
    this.core = core;
    this.bindings = bindings;
    this.level = level;
  }

  get level(): LevelSetting {
    return this.setting;
  }

  set level(value: LevelSetting) {
    if (!isLevelSetting(value)) return;
    this.setting = value;
    const t = thresholdOf(value);
    this.threshold = t;
    // With the debug buffer on, levels the threshold discards are held per request instead (outside a
    // request they still cost one context lookup and nothing else).
    const hold = this.core.holding;
    this.trace = t <= 10 ? this.logTrace : hold ? this.holdTrace : noop;
    this.debug = t <= 20 ? this.logDebug : hold ? this.holdDebug : noop;
    this.info = t <= 30 ? this.logInfo : noop;
    this.warn = t <= 40 ? this.logWarn : noop;
    this.error = t <= 50 ? this.logError : noop;
    this.fatal = t <= 60 ? this.logFatal : noop;
  }

  isLevelEnabled(level: Level): boolean {
    const v = levelValues[level];
    return v !== undefined && v >= this.threshold;
  }

  child(fields: Fields): Logger {
    let bindings = this.bindings;
    if (typeof fields === 'object' && fields !== null) {
      const added = this.core.serializer.entries(fields);
      if (added.length > 0) {
        const replaced = new Set(added.map(([k]) => k));
        bindings = new FieldLayer(this.bindings.list.filter(([k]) => !replaced.has(k)).concat(added));
      }
    }
    return new MeridianLogger(this.core, this.setting, bindings);
  }

  flush(): Promise<void> {
    return this.core.flush();
  }

  close(): Promise<void> {
    return this.core.close();
  }

  endRequest(scope: object): void {
    this.core.endRequest(scope);
  }

  /** Last-chance synchronous write of every destination (process exit; also done by Meridian's own exit hook). */
  flushSync(): void {
    this.core.flushSync();
  }

  stats(): LoggerStats {
    return this.core.stats();
  }

  // Prototype methods the level properties point at; `this` is the logger they were called on.
  private holdTrace(message: string | Error, fields?: Fields): void {
    this.holdForRequest('trace', 10, message, fields);
  }
  private holdDebug(message: string | Error, fields?: Fields): void {
    this.holdForRequest('debug', 20, message, fields);
  }

  private holdForRequest(level: Level, levelValue: number, message: unknown, fields: unknown): void {
    const scope = getRequestScope();
    if (scope !== undefined) this.write(level, levelValue, message, fields, scope);
  }

  [WRITE_IN_CONTEXT](ctx: Context, level: 'info' | 'warn' | 'error', message: string, fields: Fields): void {
    const levelValue = levelValues[level];
    if (levelValue >= this.threshold) this.write(level, levelValue, message, fields, undefined, ctx);
  }

  private logTrace(message: string | Error, fields?: Fields): void {
    this.write('trace', 10, message, fields);
  }
  private logDebug(message: string | Error, fields?: Fields): void {
    this.write('debug', 20, message, fields);
  }
  private logInfo(message: string | Error, fields?: Fields): void {
    this.write('info', 30, message, fields);
  }
  private logWarn(message: string | Error, fields?: Fields): void {
    this.write('warn', 40, message, fields);
  }
  private logError(message: string | Error, fields?: Fields): void {
    this.write('error', 50, message, fields);
  }
  private logFatal(message: string | Error, fields?: Fields): void {
    this.write('fatal', 60, message, fields);
  }

  /** Build the line and hand it on: to the destinations, or (`heldFor`, a request scope) to the debug buffer. */
  private write(level: Level, levelValue: number, message: unknown, fields: unknown, heldFor?: object, ctx: Context = context.active()): void {
    const core = this.core;
    let time = NaN;
    let line: string;
    try {
      time = core.timeNow();
      // One context lookup per record (it was one for the context fields and one for the trace ids).
      line = this.build(level, time, message, fields, ctx);
    } catch (e) {
      if (!Number.isFinite(time)) time = Date.now();
      line = fallbackLine(core, level, time, e);
    }
    try {
      if (heldFor === undefined) core.emit(time, level, levelValue, line, ctx);
      else core.hold(heldFor, time, level, levelValue, line);
    } catch {
      // emit() guards each destination already; this is the last wall between telemetry and the host.
    }
  }

  /** The context layer minus keys this logger's bindings replace (cached for the last context seen). */
  private contextText(layer: FieldLayer): string {
    if (this.bindings.keys === undefined) return layer.text;
    if (layer !== this.lastContextLayer) {
      this.lastContextLayer = layer;
      this.lastContextText = layer.overlaps(this.bindings.keys) ? layer.without(this.bindings.keys, undefined) : layer.text;
    }
    return this.lastContextText;
  }

  private build(level: Level, time: number, message: unknown, fields: unknown, ctx: Context): string {
    const core = this.core;
    const ser = core.serializer;
    let messageText: string;
    let errorText = '';
    if (typeof message === 'string') {
      messageText = ser.str(message);
    } else if (message instanceof Error || types.isNativeError(message)) {
      messageText = ser.str(errorMessage(message as Error));
      // The caller's own `error` (an `error` field, or an Error as the fields) wins over the Error passed as the message.
      if (!(typeof fields === 'object' && fields !== null && (hasOwn.call(fields, 'error') || fields instanceof Error || types.isNativeError(fields)))) {
        errorText = ',"error":' + ser.value(message);
      }
    } else if (typeof message === 'object' && message !== null && (fields === undefined || typeof fields === 'string')) {
      // pino-style calls from untyped callers: logger.info({ fields }) and logger.info({ fields }, 'message').
      messageText = typeof fields === 'string' ? ser.str(fields) : '""';
      fields = message;
    } else {
      messageText = ser.str(message === undefined || message === null ? '' : String(message));
    }
    const ctxLayer = core.contextLayer(ctx);
    const bindings = this.bindings;
    let fieldsText = '';
    let hits: string[] | undefined;
    if (typeof fields === 'object' && fields !== null) {
      fieldsText = ser.fields(fields, bindings.keys, ctxLayer === undefined ? undefined : ctxLayer.keys);
      hits = ser.lastHits;
    } else if (fields !== undefined) {
      // Untyped callers passing a primitive (log.info('x', 42)): keep it rather than lose it.
      fieldsText = ser.fields({ fields }, bindings.keys, ctxLayer === undefined ? undefined : ctxLayer.keys);
      hits = ser.lastHits;
    }
    if (errorText !== '' && (bindings.keys?.has('error') === true || ctxLayer?.keys?.has('error') === true)) (hits ??= []).push('error');
    let bindingText = bindings.text;
    let ctxText = ctxLayer === undefined ? '' : this.contextText(ctxLayer);
    if (hits !== undefined) {
      // A call field replaces a binding or context field of the same name: no duplicate JSON keys.
      bindingText = bindings.without(undefined, hits);
      ctxText = ctxLayer === undefined ? '' : ctxLayer.without(bindings.keys, hits);
    }
    const trace = traceFieldsOf(ctx);
    return (
      '{"timestamp":"' +
      isoTime(time) +
      LEVEL_TEXT[level] +
      messageText +
      core.serviceText +
      (trace === undefined ? '' : trace.json) +
      ctxText +
      bindingText +
      errorText +
      fieldsText +
      '}'
    );
  }
}

function errorMessage(e: Error): string {
  try {
    const m = e.message;
    return typeof m === 'string' ? m : String(m);
  } catch {
    return '';
  }
}

/** A minimal record saying the real one could not be built (no caller data in it). */
function fallbackLine(core: LoggerCore, level: Level, time: number, e: unknown): string {
  let what: string;
  try {
    what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    what = 'unprintable error';
  }
  if (what.length > 200) what = what.slice(0, 200) + '…';
  const iso = isoTime(time);
  return (
    '{"timestamp":"' +
    iso +
    LEVEL_TEXT[level] +
    '"[meridian] this log record could not be built and was replaced"' +
    core.serviceText +
    ',"meridian_error":' +
    quote(what) +
    '}'
  );
}
