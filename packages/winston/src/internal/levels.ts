/**
 * winston level names → Meridian levels. npm levels (winston's default) and syslog levels are
 * known; any other (custom) level is written at `info`. Whenever the names differ, the record keeps
 * the winston name in a `winston_level` field, so nothing is lost (`http` → info + winston_level).
 */
import type { Level } from '@meridian/logger';

export const WINSTON_LEVEL_FIELD = 'winston_level';

export const DEFAULT_LEVEL_MAP: Readonly<Record<string, Level>> = Object.freeze({
  // npm (winston's default)
  error: 'error',
  warn: 'warn',
  info: 'info',
  http: 'info',
  verbose: 'debug',
  debug: 'debug',
  silly: 'trace',
  // syslog (winston.config.syslog.levels)
  emerg: 'fatal',
  alert: 'fatal',
  crit: 'fatal',
  warning: 'warn',
  notice: 'info',
  // Meridian's own names, for loggers configured with them
  trace: 'trace',
  fatal: 'fatal',
});

/** One mapping, resolved once per transport; lookups are a property read. */
export class LevelMap {
  private readonly map: Record<string, Level>;
  constructor(extra: Readonly<Record<string, Level>> | undefined) {
    this.map = Object.assign(Object.create(null) as Record<string, Level>, DEFAULT_LEVEL_MAP, extra);
  }
  /** The Meridian level for a winston level name (unknown names: info). */
  of(winstonLevel: string): Level {
    return this.map[winstonLevel] ?? 'info';
  }
}

/** MERIDIAN_LOG_LEVEL (or a Meridian level) → the winston npm level letting the same records through. */
export function winstonLevelOf(level: Level | 'silent'): string {
  switch (level) {
    case 'trace':
      return 'silly';
    case 'fatal':
      return 'error';
    case 'silent':
      return 'error';
    default:
      return level;
  }
}
