/**
 * @meridian/node — one-line setup: `node --import @meridian/node/register app.js` starts tracing and
 * installs the default logger from the environment; `logger` here is that logger.
 */
export { logger } from './internal/logger-facade.js';
export { startMeridian, shutdown, getMeridian, ERR_ALREADY_STARTED, ERR_SHUTDOWN_TIMEOUT, ERR_START_FAILED } from './internal/meridian.js';
export type { Meridian, MeridianOptions } from './internal/meridian.js';
export { EXPORTER_PACKAGES, loadExporters } from './internal/load-exporters.js';
