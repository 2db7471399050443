/**
 * createLogger(): the pipeline is assembled here, before the first record — serialiser and redaction
 * (record, redact), the router (route) and every destination (queue, exporter), all synchronously.
 * Options in code win over the resolved configuration (default: the environment, parsed once in
 * @meridian/config). An invalid option prints one MERIDIAN_ERR_CONFIG_INVALID diagnostic and the
 * default is used.
 */
import { ERR_CONFIG_INVALID, diagnose, getConfig, type MeridianConfig } from '@meridian/config';
import { createRedactor, toLoggerHook } from '@meridian/redact';
import { createRouter, createTransportFor } from '@meridian/transport';
import { LoggerCore } from './core.js';
import { FieldLayer } from './field-layer.js';
import type { Destination } from './destination.js';
import { createFileDestination } from './file-destination.js';
import { type LevelSetting, isLevelSetting } from './levels.js';
import { type Fields, type Logger, MeridianLogger } from './logger.js';
import type { RedactionHook } from './redaction.js';
import { Serializer } from './serializer.js';
import { createStdoutDestination } from './stdout-destination.js';

export interface LoggerOptions {
  /** Resolved configuration the defaults below come from; default `getConfig()` (the environment, parsed once). Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** Minimum level written (default: MERIDIAN_LOG_LEVEL, else info). */
  level?: LevelSetting;
  /** `service` of every record (default: OTEL_SERVICE_NAME / service.name resource attribute). */
  service?: string;
  /** Format of the stdout destination built from the environment (default: MERIDIAN_LOG_FORMAT). */
  format?: 'json' | 'pretty';
  /**
   * Where records go. Default: built from MERIDIAN_LOG_EXPORTERS — console → stdout, file → file, and
   * cloudwatch/logstash/elasticsearch/otlp → a transport for the exporter registered under that name
   * (importing the exporter package registers it; see README "Where records go").
   */
  destinations?: Destination[];
  /** Fields on every record of this logger (like `child(bindings)`). */
  bindings?: Fields;
  /** Alias of `bindings`. */
  fields?: Fields;
  /** Longest string written before truncation (default: MERIDIAN_LOG_MAX_STRING_LENGTH, 32768). */
  maxStringLength?: number;
  /** Deepest object nesting written (default: MERIDIAN_LOG_MAX_DEPTH, 10). */
  maxDepth?: number;
  /**
   * Redaction of messages, fields and errors. Default: Meridian's redactor (@meridian/redact) configured by
   * MERIDIAN_REDACT*; a hook of your own replaces it; `false` switches it off (refused when NODE_ENV=production).
   */
  redaction?: RedactionHook | false;
  /**
   * Hold debug/trace records that the level would discard, per request, and write them only if the same
   * request logs an error (default: MERIDIAN_DEBUG_BUFFER, MERIDIAN_DEBUG_BUFFER_MAX).
   */
  debugBuffer?: boolean | { max: number };
  /** Clock in epoch milliseconds (tests). Default: Date.now. */
  timeNow?: () => number;
  /** Give destinations a synchronous last write on process 'exit' (default true): a transport spools what it holds. */
  flushOnExit?: boolean;
}

const LEVELS_ACCEPTED = 'trace | debug | info | warn | error | fatal | silent';

function invalid(option: string, value: unknown, accepted: string, fallback: string): void {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value) : typeof value;
  } catch {
    shown = 'a value';
  }
  diagnose(ERR_CONFIG_INVALID, `createLogger option ${option}=${shown} is not valid; accepted: ${accepted}; using ${fallback}`);
}

function intOption(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  invalid(name, value, `a whole number from ${min} to ${max}`, `the default (${fallback})`);
  return fallback;
}

/** Used when a redaction option is given but unusable: the safest choice is to write no string at all. */
const REDACT_EVERYTHING: RedactionHook = {
  redactString: () => '[REDACTED]',
  isSensitiveKey: () => false,
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const o = typeof options === 'object' && options !== null ? options : {};
  const config = o.config ?? getConfig();
  const log = config.log;

  let level: LevelSetting = log.level;
  if (o.level !== undefined) {
    if (isLevelSetting(o.level)) level = o.level;
    else invalid('level', o.level, LEVELS_ACCEPTED, `the default (${log.level})`);
  }

  let service = config.service.name;
  if (o.service !== undefined) {
    if (typeof o.service === 'string' && o.service !== '') service = o.service;
    else invalid('service', o.service, 'a non-empty string', `the default (${service})`);
  }

  let format = log.format;
  if (o.format !== undefined) {
    if (o.format === 'json' || o.format === 'pretty') format = o.format;
    else invalid('format', o.format, 'json | pretty', `the default (${log.format})`);
  }

  let redaction: RedactionHook | undefined;
  if (o.redaction === undefined) {
    redaction = defaultRedaction(config);
  } else if (o.redaction === false) {
    if (config.service.nodeEnv === 'production') {
      diagnose(
        ERR_CONFIG_INVALID,
        'createLogger option redaction=false is refused when NODE_ENV=production; accepted there: a redaction hook or the default; redaction stays on',
      );
      redaction = defaultRedaction(config, true);
    }
  } else {
    const r = o.redaction as Partial<RedactionHook> | null;
    if (r !== null && typeof r === 'object' && typeof r.redactString === 'function' && typeof r.isSensitiveKey === 'function') {
      redaction = r as RedactionHook;
    } else {
      invalid('redaction', r, '{ redactString(s), isSensitiveKey(key) }', 'a hook that replaces every string with "[REDACTED]" (safest)');
      redaction = REDACT_EVERYTHING;
    }
  }

  let timeNow: () => number = Date.now;
  if (o.timeNow !== undefined) {
    if (typeof o.timeNow === 'function') timeNow = o.timeNow;
    else invalid('timeNow', o.timeNow, 'a function returning epoch milliseconds', 'Date.now');
  }

  let destinations: Destination[];
  if (o.destinations !== undefined) {
    if (Array.isArray(o.destinations)) {
      destinations = o.destinations.filter((d) => {
        const ok = typeof d === 'object' && d !== null && typeof d.write === 'function' && typeof d.flush === 'function' && typeof d.close === 'function';
        if (!ok) invalid('destinations[]', d, 'objects with write(entry), flush() and close()', 'nothing for that entry');
        return ok;
      });
    } else {
      invalid('destinations', o.destinations, 'an array of destinations', 'the destinations from the environment');
      destinations = fromConfig(config, format);
    }
  } else {
    destinations = fromConfig(config, format);
  }

  const t = config.transport;
  let debugBufferMax = 0;
  if (o.debugBuffer === undefined) debugBufferMax = t.debugBuffer ? t.debugBufferMax : 0;
  else if (o.debugBuffer === true) debugBufferMax = t.debugBufferMax;
  else if (o.debugBuffer !== false) debugBufferMax = intOption('debugBuffer.max', (o.debugBuffer as { max?: unknown }).max, 1, 100_000, t.debugBufferMax);

  const serializer = new Serializer({
    maxStringLength: intOption('maxStringLength', o.maxStringLength, 1, 1 << 30, log.maxStringLength),
    maxDepth: intOption('maxDepth', o.maxDepth, 1, 100, log.maxDepth),
    redaction,
  });
  const core = new LoggerCore({
    serializer,
    service,
    router: createRouter({ destinations, debugBufferMax, flushOnExit: o.flushOnExit !== false }),
    timeNow,
  });
  const root = new MeridianLogger(core, level, FieldLayer.EMPTY);
  const bindings = o.bindings ?? o.fields;
  if (bindings === undefined) return root;
  if (typeof bindings !== 'object' || bindings === null) {
    invalid('bindings', bindings, 'an object of fields', 'no bindings');
    return root;
  }
  return root.child(bindings);
}

/** The destinations MERIDIAN_LOG_EXPORTERS names, built now (network ones: a transport whose exporter is registered by its package). */
function fromConfig(config: MeridianConfig, format: 'json' | 'pretty'): Destination[] {
  const log = config.log;
  const out: Destination[] = [];
  if (log.exporters.includes('console')) out.push(createStdoutDestination({ format }));
  for (const name of log.exporters) {
    if (name !== 'console' && name !== 'file') out.push(createTransportFor(name, { config }));
  }
  if (log.exporters.includes('file') && log.file !== undefined) {
    out.push(
      createFileDestination({
        path: log.file,
        rotate: { interval: log.fileRotate.interval, maxBytes: log.fileRotate.maxBytes },
        keep: log.fileKeep,
        compress: log.fileCompress,
      }),
    );
  }
  return out;
}

/** Meridian's redactor from MERIDIAN_REDACT*, unless switched off there (`force`: on whatever the setting). */
function defaultRedaction(config: MeridianConfig, force = false): RedactionHook | undefined {
  if (!force && !config.redact.enabled) return undefined;
  try {
    return toLoggerHook(createRedactor({ config }));
  } catch (e) {
    diagnose(
      ERR_CONFIG_INVALID,
      `the redactor could not be created (${e instanceof Error ? e.message : String(e)}); every string is replaced by "[REDACTED]" (safest)`,
    );
    return REDACT_EVERYTHING;
  }
}
