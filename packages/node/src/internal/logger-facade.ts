import { getDefaultLogger, type Fields, type Level, type LevelSetting, type Logger } from '@meridian/logger';

/**
 * `logger` exported by @meridian/node: forwards every call to the process-wide default logger
 * (`getDefaultLogger()` of @meridian/logger), so it is the one `startMeridian()`/register installed,
 * or — without them — one built lazily from the environment on first use. Importing builds nothing.
 * Methods are defined once (no per-call closure); the extra cost is one function call.
 */
export const logger: Logger = {
  trace: (message: string | Error, fields?: Fields) => getDefaultLogger().trace(message, fields),
  debug: (message: string | Error, fields?: Fields) => getDefaultLogger().debug(message, fields),
  info: (message: string | Error, fields?: Fields) => getDefaultLogger().info(message, fields),
  warn: (message: string | Error, fields?: Fields) => getDefaultLogger().warn(message, fields),
  error: (message: string | Error, fields?: Fields) => getDefaultLogger().error(message, fields),
  fatal: (message: string | Error, fields?: Fields) => getDefaultLogger().fatal(message, fields),
  get level(): LevelSetting {
    return getDefaultLogger().level;
  },
  set level(value: LevelSetting) {
    getDefaultLogger().level = value;
  },
  child: (fields: Readonly<Record<string, unknown>>) => getDefaultLogger().child(fields),
  isLevelEnabled: (level: Level) => getDefaultLogger().isLevelEnabled(level),
  flush: () => getDefaultLogger().flush(),
  close: () => getDefaultLogger().close(),
  endRequest: (scope: object) => getDefaultLogger().endRequest(scope),
  stats: () => getDefaultLogger().stats(),
  flushSync: () => getDefaultLogger().flushSync(),
};
