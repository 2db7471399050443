import type { Logger } from './logger.js';
export declare function getDefaultLogger(): Logger;
/** Install `logger` as the process-wide logger; returns the previous one (undefined if none was built yet). */
export declare function setDefaultLogger(logger: Logger): Logger | undefined;
//# sourceMappingURL=default-logger.d.ts.map