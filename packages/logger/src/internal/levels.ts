/** Level names and their numeric values (pino-compatible numbers). */
export type { Level } from '@meridian/transport';
import type { Level } from '@meridian/transport';

/** A level setting: a level, or `silent` to emit nothing. */
export type LevelSetting = Level | 'silent';

export const LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export const levelValues: Readonly<Record<Level, number>> = Object.freeze({
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
});

/** Numeric threshold of a setting: `silent` is above every level. */
export function thresholdOf(setting: LevelSetting): number {
  return setting === 'silent' ? Infinity : levelValues[setting];
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(levelValues, value);
}

export function isLevelSetting(value: unknown): value is LevelSetting {
  return value === 'silent' || isLevel(value);
}
