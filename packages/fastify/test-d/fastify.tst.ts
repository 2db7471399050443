// Type tests of @meridian/fastify's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from '@meridian/logger';
import { type FastifyMeridianOptions, type MeridianRequest, meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { createLogger } from '@meridian/logger';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const loggerInstance: FastifyBaseLogger = meridianFastifyLogger();
meridianFastifyLogger(createLogger({ service: 'payments' }));
// @ts-expect-error: meridianFastifyLogger takes a Meridian logger, not options
meridianFastifyLogger({ level: 'info' });
const app = Fastify({ loggerInstance });
const options: FastifyMeridianOptions = { ignorePaths: ['/healthz'], accessLog: true, metrics: false };
await app.register(meridianFastify, options);
await app.register(meridianFastify);
// @ts-expect-error: misspelt option (ignorePaths)
await app.register(meridianFastify, { ignorePath: ['/healthz'] });
// @ts-expect-error: echoRequestId is a boolean
await app.register(meridianFastify, { echoRequestId: 'no' });
app.get('/charges/:id', async (request) => {
  const meridian: MeridianRequest | null = request.meridian; // the FastifyRequest augmentation
  if (meridian !== null) {
    const log: Logger = meridian.logger;
    log.info('charging', { requestId: meridian.requestId });
    // @ts-expect-error: request.meridian is read-only
    meridian.requestId = 'r-2';
  }
  request.log.info({ chargeId: 'C-7' }, 'charging');
  return { ok: true };
});
expectTrue<Equal<MeridianRequest['requestId'], string>>(true);
