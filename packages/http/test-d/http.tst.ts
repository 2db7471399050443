// Type tests of @meridian/http's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type HttpServerOptions,
  type OutboundOptions,
  type OutboundState,
  HttpServerInstrumentation,
  instrumentOutbound,
  meridianHandler,
  requestScopeOf,
  serverTimingValue,
} from '@meridian/http';
import { createLogger } from '@meridian/logger';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: HttpServerOptions = {
  ignorePaths: ['/healthz', '/internal/*'],
  serverTiming: true,
  accessLog: true,
  requestIdHeader: 'x-request-id',
  echoRequestId: false,
  logger: createLogger(),
  metrics: false,
  routeOf: (req: IncomingMessage) => req.url,
};
const server = createServer(
  meridianHandler((req, res) => {
    res.end('ok');
  }, options),
);
createServer(meridianHandler((_req, res) => res.end()));
// @ts-expect-error: misspelt option (ignorePaths)
meridianHandler((_req, res) => res.end(), { ignorePath: ['/healthz'] });
// @ts-expect-error: accessLog is a boolean
meridianHandler((_req, res) => res.end(), { accessLog: 'on' });
new HttpServerInstrumentation({ serverTiming: false });

const outbound: OutboundOptions = { fetch: true, http: true, excludeUrls: ['http://collector:4318/'] };
const state: OutboundState = instrumentOutbound(outbound);
// @ts-expect-error: misspelt option (excludeUrls)
instrumentOutbound({ excludeURLs: [] });
const scope = requestScopeOf({} as ServerResponse);
if (scope !== undefined) {
  const id: string = scope.requestId;
  void id;
}
expectTrue<Equal<ReturnType<typeof serverTimingValue>, string>>(true);
void [server, state];
