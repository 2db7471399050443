/**
 * @meridian/winston — Meridian for winston loggers, without changing their call sites: a format
 * (UTC timestamp, service, trace ids, request context, redaction) and a transport into Meridian's
 * pipeline (destinations, queue, lanes, spool, exporters, metrics).
 */
export { meridianFormat } from './format.js';
export type { MeridianFormat, MeridianFormatOptions, WinstonInfo } from './format.js';
export { meridianJson } from './json-format.js';
export type { MeridianJson } from './json-format.js';
export { MeridianTransport } from './transport.js';
export type { MeridianTransportOptions, MeridianTransportStats } from './transport.js';
export { createWinstonLogger } from './create-winston-logger.js';
export type { WinstonLoggerOptions } from './create-winston-logger.js';
export { closeWinston } from './close-winston.js';
export type { CloseWinstonOptions } from './close-winston.js';
export { DEFAULT_LEVEL_MAP, WINSTON_LEVEL_FIELD, winstonLevelOf } from './internal/levels.js';
export {
  ERR_WINSTON_CLOSE_TIMEOUT,
  ERR_WINSTON_DUPLICATE_EXPORT,
  ERR_WINSTON_FORMAT,
  ERR_WINSTON_OPTION,
  FORMAT_ERROR_FIELD,
  MERIDIAN,
} from './internal/symbols.js';
export type { FormatState } from './internal/symbols.js';
