/**
 * @meridian/logger — one JSON line per record: UTC timestamp, level, message, service, trace ids
 * from the active OpenTelemetry span, request context fields, child bindings, call fields.
 * Safe serialisation (never throws, never mutates, never forges a line), buffered destinations.
 */
export { createLogger } from './internal/create-logger.js';
export type { LoggerOptions } from './internal/create-logger.js';
export type { Fields, LogMethod, Logger } from './internal/logger.js';
export { LEVELS, isLevel, isLevelSetting, levelValues } from './internal/levels.js';
export type { Level, LevelSetting } from './internal/levels.js';
export type { Destination, DestinationStats, LogEntry } from './internal/destination.js';
export type { RedactionHook } from './internal/redaction.js';
export { RESERVED_KEYS } from './internal/reserved-keys.js';
export { createStdoutDestination } from './internal/stdout-destination.js';
export type { StdoutDestination, StdoutDestinationOptions } from './internal/stdout-destination.js';
export { createFileDestination } from './internal/file-destination.js';
export type { FileDestination, FileDestinationOptions, FileDestinationStats } from './internal/file-destination.js';
export { getDefaultLogger, setDefaultLogger } from './internal/default-logger.js';
export type { LoggerStats } from './internal/core.js';
export { isoTime } from './internal/timestamp.js';
