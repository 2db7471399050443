import type { LoggerCore } from './core.js';
import { FieldLayer } from './field-layer.js';
import { type Level, type LevelSetting } from './levels.js';
/** Fields attached to a record: any object (an `Error` is written under `error`). */
export type Fields = Readonly<Record<string, unknown>> | Error;
export type LogMethod = (message: string | Error, fields?: Fields) => void;
export interface Logger {
    trace: LogMethod;
    debug: LogMethod;
    info: LogMethod;
    warn: LogMethod;
    error: LogMethod;
    fatal: LogMethod;
    /** Current level; assigning re-binds the level methods of this logger (not of its children). */
    level: LevelSetting;
    /** A logger whose records carry `fields` (after its parent's bindings; a key here replaces the parent's). */
    child(fields: Readonly<Record<string, unknown>>): Logger;
    isLevelEnabled(level: Level): boolean;
    /** Resolves when every destination has written what was logged before the call. Never rejects. */
    flush(): Promise<void>;
    /** Flush and release every destination (shared with the parent and children). Idempotent; never rejects. */
    close(): Promise<void>;
}
export declare class MeridianLogger implements Logger {
    trace: LogMethod;
    debug: LogMethod;
    info: LogMethod;
    warn: LogMethod;
    error: LogMethod;
    fatal: LogMethod;
    private threshold;
    private setting;
    private readonly core;
    /** Child bindings, serialised once (parent's first, a child's key replacing the parent's). */
    private readonly bindings;
    /** Context text with this logger's binding keys removed, for the last context layer seen. */
    private lastContextLayer;
    private lastContextText;
    constructor(core: LoggerCore, level: LevelSetting, bindings: FieldLayer);
    get level(): LevelSetting;
    set level(value: LevelSetting);
    isLevelEnabled(level: Level): boolean;
    child(fields: Readonly<Record<string, unknown>>): Logger;
    flush(): Promise<void>;
    close(): Promise<void>;
    private logTrace;
    private logDebug;
    private logInfo;
    private logWarn;
    private logError;
    private logFatal;
    private write;
    /** The context layer minus keys this logger's bindings replace (cached for the last context seen). */
    private contextText;
    private build;
}
//# sourceMappingURL=logger.d.ts.map