// Type tests of @meridian/winston's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import winston from 'winston';
import {
  type MeridianTransportOptions,
  type WinstonLoggerOptions,
  MeridianTransport,
  closeWinston,
  createWinstonLogger,
  meridianFormat,
  meridianJson,
} from '@meridian/winston';
import { createRedactor } from '@meridian/redact';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: WinstonLoggerOptions = {
  level: 'info',
  service: 'checkout',
  defaultMeta: { region: 'eu-central-1' },
  redactor: createRedactor(),
  closeTimeoutMs: 5000,
  otelLogSending: 'suppress',
  levelMap: { notice: 'info' },
};
const logger: winston.Logger = createWinstonLogger(options);
// @ts-expect-error: misspelt option (defaultMeta)
createWinstonLogger({ defaultMetadata: {} });
// @ts-expect-error: otelLogSending is suppress or keep
createWinstonLogger({ otelLogSending: 'drop' });
// @ts-expect-error: a level map maps to Meridian levels
createWinstonLogger({ levelMap: { notice: 'notice' } });

const transportOptions: MeridianTransportOptions = { level: 'debug', service: 'checkout', closeTimeoutMs: 2000 };
const existing = winston.createLogger({
  format: winston.format.combine(meridianFormat({ service: 'checkout' }), meridianJson()),
  transports: [new MeridianTransport(transportOptions)],
});
// @ts-expect-error: misspelt option (closeTimeoutMs)
new MeridianTransport({ closeTimeout: 2000 });
const ended: Promise<'done' | 'timeout'> = closeWinston(existing);
expectTrue<Equal<Awaited<ReturnType<typeof closeWinston>>, 'done' | 'timeout'>>(true);
void [logger, ended];
