import type { Destination } from './destination.js';
import { type LevelSetting } from './levels.js';
import { type Logger } from './logger.js';
import type { RedactionHook } from './redaction.js';
export interface LoggerOptions {
    /** Minimum level written (default: MERIDIAN_LOG_LEVEL, else info). */
    level?: LevelSetting;
    /** `service` of every record (default: OTEL_SERVICE_NAME / service.name resource attribute). */
    service?: string;
    /** Format of the stdout destination built from the environment (default: MERIDIAN_LOG_FORMAT). */
    format?: 'json' | 'pretty';
    /** Where records go. Default: built from MERIDIAN_LOG_EXPORTERS (console → stdout, file → file). */
    destinations?: Destination[];
    /** Fields on every record of this logger (like `child(bindings)`). */
    bindings?: Readonly<Record<string, unknown>>;
    /** Alias of `bindings`. */
    fields?: Readonly<Record<string, unknown>>;
    /** Longest string written before truncation (default: MERIDIAN_LOG_MAX_STRING_LENGTH, 32768). */
    maxStringLength?: number;
    /** Deepest object nesting written (default: MERIDIAN_LOG_MAX_DEPTH, 10). */
    maxDepth?: number;
    /** Redaction hook (see README); absent: no redaction work at all. */
    redaction?: RedactionHook;
    /** Clock in epoch milliseconds (tests). Default: Date.now. */
    timeNow?: () => number;
    /** Give destinations a synchronous last write on process 'exit' (default true). */
    flushOnExit?: boolean;
}
export declare function createLogger(options?: LoggerOptions): Logger;
//# sourceMappingURL=create-logger.d.ts.map