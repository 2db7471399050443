/** Level names and their numeric values (pino-compatible numbers). */
export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
/** A level setting: a level, or `silent` to emit nothing. */
export type LevelSetting = Level | 'silent';
export declare const LEVELS: readonly Level[];
export declare const levelValues: Readonly<Record<Level, number>>;
/** Numeric threshold of a setting: `silent` is above every level. */
export declare function thresholdOf(setting: LevelSetting): number;
export declare function isLevel(value: unknown): value is Level;
export declare function isLevelSetting(value: unknown): value is LevelSetting;
//# sourceMappingURL=levels.d.ts.map