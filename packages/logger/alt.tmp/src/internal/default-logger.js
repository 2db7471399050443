/**
 * The process-wide logger. `@meridian/node` installs its own with setDefaultLogger(); until then
 * getDefaultLogger() builds one from the environment on first use.
 */
import { createLogger } from './create-logger.js';
let current;
export function getDefaultLogger() {
    if (current === undefined)
        current = createLogger();
    return current;
}
/** Install `logger` as the process-wide logger; returns the previous one (undefined if none was built yet). */
export function setDefaultLogger(logger) {
    const previous = current;
    current = logger;
    return previous;
}
//# sourceMappingURL=default-logger.js.map