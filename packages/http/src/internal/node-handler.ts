import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HttpServerOptions } from './options.js';
import { HttpServerInstrumentation } from './server.js';

/**
 * Plain node:http: wrap a request listener, `http.createServer(meridianHandler((req, res) => …))`.
 * A listener that throws synchronously or returns a rejected promise gets the error recorded and a
 * 500 if nothing was sent yet (the process is not crashed by the rejection).
 */
export function meridianHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse<Req> = ServerResponse<Req>>(
  handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>,
  options?: HttpServerOptions,
): (req: Req, res: Res) => void {
  const instrumentation = new HttpServerInstrumentation(options);
  return function meridianRequestListener(req: Req, res: Res): void {
    const scope = instrumentation.begin(req, res);
    try {
      const out = instrumentation.run(scope, handler as (req: Req, res: Res) => unknown, req, res) as unknown;
      if (out !== null && typeof out === 'object' && typeof (out as Promise<unknown>).then === 'function') {
        (out as Promise<unknown>).then(undefined, (error: unknown) => fail(instrumentation, scope, error));
      }
    } catch (error) {
      fail(instrumentation, scope, error);
    }
  };
}

function fail(instrumentation: HttpServerInstrumentation, scope: ReturnType<HttpServerInstrumentation['begin']>, error: unknown): void {
  instrumentation.recordError(scope, error);
  const res = scope.res;
  if (!res.headersSent) {
    res.statusCode = 500;
    res.end();
  } else if (!res.writableEnded) {
    res.destroy(error instanceof Error ? error : undefined);
  }
}
