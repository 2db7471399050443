/**
 * createWinstonLogger(): a winston logger preconfigured like Meridian's createLogger() — level from
 * MERIDIAN_LOG_LEVEL (mapped to winston's npm levels), destinations from MERIDIAN_LOG_EXPORTERS
 * through MeridianTransport, and format.splat() + meridianFormat() — for code that wants winston's API.
 */
import { diagnose, getConfig, type MeridianConfig } from '@meridian/config';
import type { Destination, Level, Logger } from '@meridian/logger';
import type { Redactor } from '@meridian/redact';
import winston from 'winston';
import type TransportStream from 'winston-transport';
import { meridianFormat } from './format.js';
import { winstonLevelOf } from './internal/levels.js';
import { resolveRedactor } from './internal/redaction-option.js';
import { ERR_WINSTON_OPTION } from './internal/symbols.js';
import { MeridianTransport } from './transport.js';
import { MERIDIAN, type FormatState } from './internal/symbols.js';
import { context } from '@opentelemetry/api';

export interface WinstonLoggerOptions {
  /** Resolved configuration; default `getConfig()` (the environment, parsed once). Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** winston level (npm levels). Default: MERIDIAN_LOG_LEVEL mapped (trace → silly, fatal → error, silent → silent logger). */
  level?: string;
  /** `service` of every record (default: OTEL_SERVICE_NAME …). */
  service?: string;
  /** Meridian destinations (default: from MERIDIAN_LOG_EXPORTERS). */
  destinations?: Destination[];
  /** Write through this Meridian logger instead of building one (e.g. the one @meridian/node installed). */
  logger?: Logger;
  redactor?: Redactor;
  /** `false` switches redaction off (refused when NODE_ENV=production). */
  redact?: boolean;
  /** winston defaultMeta. */
  defaultMeta?: Record<string, unknown>;
  /** Your formats, applied before splat() and meridianFormat(). */
  format?: winston.Logform.Format;
  /** More winston transports (give them their own format, e.g. format.json(): the logger's format sets no MESSAGE). */
  transports?: TransportStream[];
  levelMap?: Readonly<Record<string, Level>>;
  closeTimeoutMs?: number;
  otelLogSending?: 'suppress' | 'keep';
}

export function createWinstonLogger(options: WinstonLoggerOptions = {}): winston.Logger {
  const o = typeof options === 'object' && options !== null ? options : {};
  const configured = (o.config ?? getConfig()).log.level;
  let level = winstonLevelOf(configured);
  let silent = configured === 'silent';
  if (o.level !== undefined) {
    if (typeof o.level === 'string' && Object.prototype.hasOwnProperty.call(winston.config.npm.levels, o.level)) {
      level = o.level;
      silent = false;
    } else {
      diagnose(
        ERR_WINSTON_OPTION,
        `createWinstonLogger option level=${JSON.stringify(String(o.level))} is not valid; accepted: ${Object.keys(winston.config.npm.levels).join(' | ')}; using ${level}`,
      );
    }
  }
  // One redactor for the format and the transport (built once: it compiles its detectors).
  const redactor = resolveRedactor(o, 'createWinstonLogger');
  const config = o.config;
  const redaction = redactor === undefined ? { redact: false } : { redactor };
  const formats: winston.Logform.Format[] = [];
  if (o.format !== undefined) formats.push(o.format);
  // With other transports, they need the formatted record (UTC timestamp, trace ids, redacted values).
  // With MeridianTransport alone, the Meridian logger behind it does all that once; the format only has to
  // capture the call site's context (winston may deliver later). Measured: about 10-20 % of the cost of a
  // record (bench/winston.bench.ts).
  const alone = o.transports === undefined || o.transports.length === 0;
  formats.push(winston.format.splat(), alone ? captureCallSite() : meridianFormat({ config, service: o.service, ...redaction }));
  const transport = new MeridianTransport({
    config,
    logger: o.logger,
    destinations: o.destinations,
    service: o.service,
    levelMap: o.levelMap,
    closeTimeoutMs: o.closeTimeoutMs,
    otelLogSending: o.otelLogSending,
    ...redaction,
  });
  return winston.createLogger({
    level,
    silent,
    format: winston.format.combine(...formats),
    defaultMeta: o.defaultMeta,
    transports: [transport, ...(o.transports ?? [])],
  });
}

/**
 * The call site's OpenTelemetry context on `info` (for MeridianTransport), nothing else: no copy of
 * `info`, no redaction, no timestamp — the Meridian logger behind the transport does those.
 */
function captureCallSite(): winston.Logform.Format {
  return winston.format((info) => {
    const state: FormatState = { context: context.active(), redacted: false, fields: undefined };
    (info as unknown as Record<symbol, unknown>)[MERIDIAN] = state;
    return info;
  })();
}
