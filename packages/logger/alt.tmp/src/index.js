/**
 * @meridian/logger — one JSON line per record: UTC timestamp, level, message, service, trace ids
 * from the active OpenTelemetry span, request context fields, child bindings, call fields.
 * Safe serialisation (never throws, never mutates, never forges a line), buffered destinations.
 */
export { createLogger } from './internal/create-logger.js';
export { LEVELS, isLevel, isLevelSetting, levelValues } from './internal/levels.js';
export { RESERVED_KEYS } from './internal/reserved-keys.js';
export { createStdoutDestination } from './internal/stdout-destination.js';
export { createFileDestination } from './internal/file-destination.js';
export { getDefaultLogger, setDefaultLogger } from './internal/default-logger.js';
//# sourceMappingURL=index.js.map