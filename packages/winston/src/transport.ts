/**
 * MeridianTransport: a winston transport that hands every record to a Meridian logger, so a winston
 * application gets Meridian's record, redaction, destinations (stdout, files, and through
 * @meridian/transport the queue, lanes, spool, metrics and the CloudWatch/ELK/OTLP exporters).
 */
import { diagnose, getConfig } from '@meridian/config';
import { getContext } from '@meridian/context';
import { createLogger, type Destination, type Level, type Logger } from '@meridian/logger';
import { context } from '@opentelemetry/api';
import TransportStream from 'winston-transport';
import { LevelMap, WINSTON_LEVEL_FIELD } from './internal/levels.js';
import { type RedactionOptions, resolveRedactor } from './internal/redaction-option.js';
import { unrename } from './internal/reserved.js';
import { SwitchableHook } from './internal/switchable-hook.js';
import { ERR_WINSTON_CLOSE_TIMEOUT, ERR_WINSTON_DUPLICATE_EXPORT, ERR_WINSTON_OPTION, type FormatState, LEVEL, MERIDIAN } from './internal/symbols.js';

export interface MeridianTransportOptions extends TransportStream.TransportStreamOptions, RedactionOptions {
  /** A Meridian logger to write to. Yours: its level and redaction apply, and close() only flushes it. */
  logger?: Logger;
  /** Destinations of the logger the transport builds (default: createLogger()'s, from MERIDIAN_LOG_EXPORTERS). */
  destinations?: Destination[];
  /** `service` of the records (default: OTEL_SERVICE_NAME …). Ignored with `logger`. */
  service?: string;
  /** Extra or replaced winston → Meridian level names (see README, "Levels"). */
  levelMap?: Readonly<Record<string, Level>>;
  /** Longest wait for delivery in end()/close() (default MERIDIAN_SHUTDOWN_TIMEOUT_MS, 5000). */
  closeTimeoutMs?: number;
  /**
   * What to do with an OpenTelemetry log-sending transport (@opentelemetry/instrumentation-winston's
   * OpenTelemetryTransportV3) on the same logger: `suppress` (default) silences it, so each record is
   * exported once, redacted, by Meridian; `keep` leaves it sending (duplicates, unredacted) and says so.
   */
  otelLogSending?: 'suppress' | 'keep';
}

type Bag = Record<string | symbol, unknown>;
type Info = Bag & { level?: unknown; message?: unknown };
interface ParentLike {
  transports: readonly unknown[];
}
const hasOwn = Object.prototype.hasOwnProperty;
const OTEL_TRANSPORT_NAMES = new Set(['OpenTelemetryTransportV3']);

/** Records the transport could not hand to Meridian (an internal failure), and the siblings it silenced. */
export interface MeridianTransportStats {
  failures: number;
  suppressedSiblings: number;
}

export class MeridianTransport extends TransportStream {
  /** The Meridian logger every record goes to. */
  readonly logger: Logger;
  private readonly owned: boolean;
  private readonly hook: SwitchableHook | undefined;
  private readonly levelMap: LevelMap;
  private readonly closeTimeoutMs: number;
  private readonly otelLogSending: 'suppress' | 'keep';
  private closing: Promise<void> | undefined = undefined;
  private siblingCount = -1;
  private readonly counts: MeridianTransportStats = { failures: 0, suppressedSiblings: 0 };
  /** Set by winston-transport when the transport is added to a logger. */
  declare parent: ParentLike | null | undefined;

  constructor(options: MeridianTransportOptions = {}) {
    const o = typeof options === 'object' && options !== null ? options : {};
    super(o);
    if (o.logger !== undefined) {
      this.logger = o.logger;
      this.owned = false;
      this.hook = undefined;
    } else {
      const redactor = resolveRedactor(o, 'MeridianTransport');
      this.hook = redactor === undefined ? undefined : new SwitchableHook(redactor);
      this.logger = createLogger({
        config: o.config,
        level: 'trace', // winston filters by its own levels before the transport
        service: o.service,
        destinations: o.destinations, // undefined: built by createLogger from MERIDIAN_LOG_EXPORTERS
        redaction: this.hook ?? false, // false only when resolveRedactor allowed "off" (never in production)
      });
      this.owned = true;
    }
    this.levelMap = new LevelMap(o.levelMap);
    const t = o.closeTimeoutMs;
    this.closeTimeoutMs = typeof t === 'number' && t >= 0 ? t : (o.config ?? getConfig()).runtime.shutdownTimeoutMs;
    this.otelLogSending = o.otelLogSending === 'keep' ? 'keep' : 'suppress';
    if (o.otelLogSending !== undefined && o.otelLogSending !== 'keep' && o.otelLogSending !== 'suppress') {
      diagnose(ERR_WINSTON_OPTION, 'MeridianTransport option otelLogSending is not valid; accepted: suppress | keep; using suppress');
    }
    this.on('pipe', (src: ParentLike) => this.checkSiblings(src));
  }

  /**
   * Called by winston for each record at or above the transport's level. Never throws. The callback
   * is optional (winston-transport's contract, checked by abstract-winston-transport): without one
   * the record is still delivered; returns true either way.
   */
  override log(info: Info, next?: () => void): boolean {
    try {
      const p = this.parent;
      if (p != null && p.transports.length !== this.siblingCount) this.checkSiblings(p);
      this.forward(info);
    } catch {
      this.counts.failures++;
    }
    if (this.listenerCount('logged') > 0) this.emit('logged', info);
    if (typeof next === 'function') next();
    return true;
  }

  private forward(info: Info): void {
    const state = info[MERIDIAN] as FormatState | undefined;
    const wl = info[LEVEL] ?? info.level;
    const winstonLevel = typeof wl === 'string' ? wl : 'info';
    const level = this.levelMap.of(winstonLevel);
    let message: unknown = info.message;
    if (info instanceof Error) message = info; // logger.error(err) without format.errors(): the Error is the info
    if (typeof message !== 'string' && !(message instanceof Error)) message = message === undefined || message === null ? '' : message;

    const fields: Record<string, unknown> = {};
    const sf = state?.fields;
    for (const k of Object.keys(info)) {
      // level/message are the call's; the logger writes timestamp and the trace ids itself (these
      // come from meridianFormat, format.timestamp() or the OTel winston instrumentation's injection).
      if (k === 'level' || k === 'message' || k === 'timestamp' || k === 'trace_id' || k === 'span_id' || k === 'trace_flags') continue;
      let v: unknown;
      try {
        v = info[k];
      } catch {
        v = '[Unreadable]';
      }
      if (state === undefined) {
        fields[k] = v;
        continue;
      }
      if (k === 'service') continue;
      const uk = unrename(k);
      if (sf !== undefined && hasOwn.call(sf, uk) && sf[uk] === v) continue; // a context field: the logger writes it from the context
      fields[uk] = v;
    }
    if (winstonLevel !== level) fields[WINSTON_LEVEL_FIELD] = winstonLevel;

    // Trace ids and request context are those of the call site when meridianFormat captured it
    // (winston may deliver later, e.g. behind a slower transport); else those active now.
    if (state !== undefined && state.context !== context.active()) {
      context.with(state.context, this.emit1, this, level, message, fields, state);
    } else {
      this.emit1(level, message, fields, state);
    }
  }

  private emit1(level: Level, message: unknown, fields: Record<string, unknown>, state: FormatState | undefined): void {
    const hook = this.hook;
    if (hook !== undefined && state !== undefined && state.redacted) {
      const snap = getContext();
      if (snap === undefined || hook.seen.has(snap)) {
        hook.on = false; // meridianFormat redacted this record already
        try {
          this.logger[level](message as string, fields);
        } finally {
          hook.on = true;
        }
        return;
      }
      hook.seen.add(snap); // first record of this context snapshot: redacted in full, see SwitchableHook
    }
    this.logger[level](message as string, fields);
  }

  private checkSiblings(parent: ParentLike): void {
    try {
      const list = parent.transports;
      this.siblingCount = list.length;
      for (const t of list) {
        if (t === this || typeof t !== 'object' || t === null) continue;
        const name = (t as { constructor?: { name?: unknown } }).constructor?.name;
        if (typeof name !== 'string' || !OTEL_TRANSPORT_NAMES.has(name)) continue;
        if (this.otelLogSending === 'keep') {
          diagnose(
            ERR_WINSTON_DUPLICATE_EXPORT,
            `winston logger has both MeridianTransport and ${name} (OpenTelemetry log sending) and otelLogSending is "keep": ` +
              'records are exported twice, and the OpenTelemetry copy is not redacted by Meridian. Accepted: otelLogSending "suppress" (default), ' +
              'or disableLogSending: true in WinstonInstrumentation',
          );
        } else if ((t as { silent?: boolean }).silent !== true) {
          (t as { silent?: boolean }).silent = true;
          this.counts.suppressedSiblings++;
          diagnose(
            ERR_WINSTON_DUPLICATE_EXPORT,
            `winston logger has both MeridianTransport and ${name} (OpenTelemetry log sending): ` +
              `${name} was silenced so each record is exported once, redacted, by Meridian. Accepted: one log-sending path; ` +
              'set disableLogSending: true in WinstonInstrumentation to silence this, or otelLogSending: "keep" to keep both',
          );
        }
      }
    } catch {
      // a parent we cannot inspect: nothing to suppress
    }
  }

  /** Failures and silenced siblings (see MeridianTransportStats). */
  stats(): MeridianTransportStats {
    return { ...this.counts };
  }

  /** Records written so far have reached every destination (or were dropped and counted there). Never rejects. */
  flush(): Promise<void> {
    return this.logger.flush().catch(() => undefined);
  }

  /**
   * Deliver and release: closes the transport's own logger (its destinations), or flushes the one
   * you gave. Bounded by `closeTimeoutMs`; idempotent (the same promise); never rejects. winston
   * calls it when the transport is removed or the logger is closed; `end()` waits for it before 'finish'.
   */
  override close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.closeTimeoutMs);
    });
    const work = (this.owned ? this.logger.close() : this.logger.flush()).then(
      () => 'done' as const,
      () => 'done' as const,
    );
    const r = await Promise.race([work, deadline]);
    clearTimeout(timer);
    if (r === 'timeout') {
      diagnose(
        ERR_WINSTON_CLOSE_TIMEOUT,
        `MeridianTransport: delivery did not finish within ${this.closeTimeoutMs} ms (closeTimeoutMs / MERIDIAN_SHUTDOWN_TIMEOUT_MS); ` +
          'the destinations keep what they hold (a @meridian/transport spools or counts it)',
      );
    }
  }

  /** Writable hook: 'finish' (and so winston's logger 'finish' after end()) waits for delivery. */
  override _final(callback: (error?: Error | null) => void): void {
    this.close().then(
      () => callback(),
      () => callback(),
    );
  }
}
