import { format } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { getDefaultLogger, type Fields, type Logger, type LevelSetting } from '@meridian/logger';

type Serializer = (value: unknown) => unknown;
type PinoArgs = [unknown?, unknown?, ...unknown[]];

function isLevelSetting(v: unknown): v is LevelSetting {
  return v === 'trace' || v === 'debug' || v === 'info' || v === 'warn' || v === 'error' || v === 'fatal' || v === 'silent';
}

/**
 * A pino-compatible face over a Meridian logger, for Fastify's `loggerInstance` option: Fastify's own
 * `request.log` (a child per request with `reqId`) then writes Meridian lines, carrying trace ids and
 * request_id from the context. Accepts pino's call shapes: `(msg, ...args)` (util.format
 * interpolation), `(obj, msg?)`, `(err, msg?)`, and Meridian's `(msg, fields)`; honours `child(bindings, { level, serializers })`.
 */
export class FastifyLoggerAdapter {
  constructor(
    private readonly target: Logger,
    private readonly serializers: Readonly<Record<string, Serializer>> = {},
  ) {}

  get level(): string {
    return this.target.level;
  }

  set level(value: string) {
    if (isLevelSetting(value)) this.target.level = value;
  }

  child(bindings: Record<string, unknown> = {}, options: { level?: string; serializers?: Record<string, Serializer> } = {}): FastifyLoggerAdapter {
    const serializers = options.serializers === undefined ? this.serializers : { ...this.serializers, ...options.serializers };
    const child = new FastifyLoggerAdapter(this.target.child(bindings), serializers);
    if (options.level !== undefined) child.level = options.level;
    return child;
  }

  isLevelEnabled(level: string): boolean {
    return isLevelSetting(level) && level !== 'silent' && this.target.isLevelEnabled(level);
  }

  // trace/debug are always handed on: below the level, Meridian's methods are no-ops — unless the per-request
  // debug buffer (MERIDIAN_DEBUG_BUFFER) holds them, which an isLevelEnabled() check here would defeat.
  trace(...args: PinoArgs): void {
    this.write(this.target.trace, args);
  }
  debug(...args: PinoArgs): void {
    this.write(this.target.debug, args);
  }
  info(...args: PinoArgs): void {
    if (this.target.isLevelEnabled('info')) this.write(this.target.info, args);
  }
  warn(...args: PinoArgs): void {
    if (this.target.isLevelEnabled('warn')) this.write(this.target.warn, args);
  }
  error(...args: PinoArgs): void {
    if (this.target.isLevelEnabled('error')) this.write(this.target.error, args);
  }
  fatal(...args: PinoArgs): void {
    if (this.target.isLevelEnabled('fatal')) this.write(this.target.fatal, args);
  }
  silent(): void {}

  private write(method: Logger['info'], args: PinoArgs): void {
    const [first, second] = args;
    if (typeof first === 'string') {
      // Meridian's own shape, (message, fields), is accepted too when the message has no format specifier.
      if (args.length === 2 && second !== null && typeof second === 'object' && !first.includes('%')) {
        method.call(this.target, first, second instanceof Error ? second : this.serialize(second as Record<string, unknown>));
        return;
      }
      method.call(this.target, args.length > 1 ? format(...(args as [string, ...unknown[]])) : first);
      return;
    }
    const rest = args.length > 2 ? args.slice(2) : undefined;
    const msg = typeof second === 'string' ? (rest === undefined ? second : format(second, ...rest)) : undefined;
    if (first instanceof Error) {
      method.call(this.target, msg ?? first.message, first);
      return;
    }
    if (first !== null && typeof first === 'object') {
      const fields = this.serialize(first as Record<string, unknown>);
      const message = msg ?? (typeof fields.msg === 'string' ? fields.msg : '');
      method.call(this.target, message, fields as Fields);
      return;
    }
    method.call(this.target, msg ?? String(first));
  }

  private serialize(fields: Record<string, unknown>): Record<string, unknown> {
    let out: Record<string, unknown> | undefined;
    for (const key in this.serializers) {
      if (key in fields) {
        out ??= { ...fields };
        try {
          out[key] = this.serializers[key](fields[key]);
        } catch {
          out[key] = '[unserializable]';
        }
      }
    }
    return out ?? fields;
  }
}

/**
 * `Fastify({ loggerInstance: meridianFastifyLogger(), disableRequestLogging: true })`: Fastify's
 * `request.log` becomes a Meridian logger (default: `getDefaultLogger()`). Meridian's access line
 * replaces Fastify's "incoming request"/"request completed" lines, hence `disableRequestLogging`.
 */
export function meridianFastifyLogger(logger?: Logger): FastifyBaseLogger {
  return new FastifyLoggerAdapter(logger ?? getDefaultLogger()) as unknown as FastifyBaseLogger;
}
