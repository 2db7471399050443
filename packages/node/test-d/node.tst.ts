// Type tests of @meridian/node's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import * as register from '@meridian/node/register';
import { type Meridian, type MeridianOptions, getMeridian, loadExporters, logger, shutdown, startMeridian } from '@meridian/node';
import { createLogger, type Logger } from '@meridian/logger';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

expectTrue<Equal<keyof typeof register, never>>(true); // a side-effect module: it exports nothing
const log: Logger = logger;
log.info('started', { port: 8080 });
// @ts-expect-error: the facade is a Meridian logger: message first
logger.info({ port: 8080 }, 'started');

const options: MeridianOptions = {
  tracing: { serviceName: 'checkout', exporter: 'otlp' },
  logger: { level: 'info' },
  handleProcessEvents: true,
  outbound: true,
  shutdownTimeoutMs: 5000,
};
const meridian: Meridian = startMeridian(options);
startMeridian({ tracing: false, logger: createLogger() });
// @ts-expect-error: misspelt option (shutdownTimeoutMs)
startMeridian({ shutdownTimeout: 5000 });
// @ts-expect-error: tracing is options or false
startMeridian({ tracing: true });
// @ts-expect-error: misspelt tracing option (serviceName)
startMeridian({ tracing: { servicename: 'checkout' } });
expectTrue<Equal<ReturnType<typeof shutdown>, Promise<void>>>(true);
expectTrue<Equal<ReturnType<typeof loadExporters>, Promise<string[]>>>(true);
const running: Meridian | undefined = getMeridian();
void [meridian, running];
