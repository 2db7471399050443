// Type tests of @meridian/logger's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import {
  type Destination,
  type Level,
  type LevelSetting,
  type Logger,
  type LoggerOptions,
  createFileDestination,
  createLogger,
  createStdoutDestination,
  getDefaultLogger,
  isLevel,
  setDefaultLogger,
} from '@meridian/logger';
import { loadConfig } from '@meridian/config';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: LoggerOptions = {
  config: loadConfig({}),
  level: 'debug',
  service: 'checkout',
  format: 'json',
  bindings: { region: 'eu-central-1' },
  maxStringLength: 1024,
  maxDepth: 8,
  debugBuffer: { max: 100 },
  flushOnExit: true,
  destinations: [
    createStdoutDestination({ format: 'pretty', color: false }),
    createFileDestination({ path: 'app.log', rotate: { interval: 'daily' }, keep: 3 }),
  ],
};
const log: Logger = createLogger(options);
createLogger();
// @ts-expect-error: misspelt option (level)
createLogger({ levle: 'debug' });
// @ts-expect-error: not a level
createLogger({ level: 'verbose' });
// @ts-expect-error: maxDepth is a number
createLogger({ maxDepth: '8' });
// @ts-expect-error: format is json or pretty
createLogger({ format: 'xml' });
// @ts-expect-error: a file destination needs its path
createFileDestination({ keep: 3 });
// @ts-expect-error: rotate.interval is daily or hourly
createFileDestination({ path: 'app.log', rotate: { interval: 'weekly' } });

log.info('order paid', { orderId: 'A-1', amount: 12 });
log.error(new Error('declined'));
log.warn('plain message');
// @ts-expect-error: the message comes first (pino's fields-first call does not compile)
log.info({ orderId: 'A-1' }, 'order paid');
// @ts-expect-error: fields are an object
log.info('order paid', 'A-1');
const child: Logger = log.child({ module: 'payments' });
const enabled: boolean = child.isLevelEnabled('debug');
// @ts-expect-error: 'silent' is a setting, not a level a record has
child.isLevelEnabled('silent');
log.level = 'silent';
// @ts-expect-error: not a level setting
log.level = 'quiet';
expectTrue<Equal<ReturnType<Logger['flush']>, Promise<void>>>(true);
expectTrue<Equal<ReturnType<Logger['close']>, Promise<void>>>(true);

const value: unknown = 'warn';
if (isLevel(value)) {
  const level: Level = value;
  void level;
}
const setting: LevelSetting = 'silent';
setDefaultLogger(getDefaultLogger());
const custom: Destination = createStdoutDestination();
void [enabled, setting, custom];
