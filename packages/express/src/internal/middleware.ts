import { IncomingMessage, type ServerResponse } from 'node:http';
import { isMetricsRequest, metricsEnabled, serveMetrics, HttpServerInstrumentation, requestScopeOf, type HttpServerOptions } from '@meridian/http';
import type { Logger } from '@meridian/logger';
import { expressRoute } from './route.js';

/** Options of `meridianExpress()`; each one overrides the environment (see README). */
export type ExpressOptions = Omit<HttpServerOptions, 'routeOf'>;

export type NextFunction = (err?: unknown) => void;
export type MeridianMiddleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;
export type MeridianErrorMiddleware = (err: unknown, req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

/**
 * The Express middleware: register it first (`app.use(meridianExpress())`). Starts the SERVER span from
 * the incoming trace headers, runs the rest of the chain in the request's context (trace ids +
 * request_id on every log line), sets `req.log`, and at the end names the span `METHOD route` and
 * writes the access-log line. Works with Express 4 and 5.
 */
export function meridianExpress(options: ExpressOptions = {}): MeridianMiddleware {
  const instrumentation = new HttpServerInstrumentation({ ...options, routeOf: expressRoute });
  const metrics = metricsEnabled(options.metrics, options.config);
  const getLog = (): Logger => instrumentation.logger();
  // The request prototype seen last, and whether it carries our accessor (checked once per prototype).
  let lastProto: object | null | undefined;
  let accessor = false;
  return function meridianMiddleware(req: IncomingMessage, res: ServerResponse, next: NextFunction): void {
    if (metrics && isMetricsRequest(req)) return serveMetrics(req, res);
    const scope = instrumentation.begin(req, res);
    const proto = Object.getPrototypeOf(req) as object | null;
    if (proto !== lastProto) {
      lastProto = proto;
      accessor = defineLogAccessor(proto, getLog);
    }
    if (!accessor) (req as IncomingMessage & { log: Logger }).log = scope.logger;
    instrumentation.run(scope, next);
  };
}

const LOG_GETTER = Symbol.for('meridian.express.log');

/**
 * `req.log` as an accessor on the app's request prototype (Express gives each app its own,
 * `app.request`) instead of an own property stored on every request (Express re-parents each
 * request onto that prototype; per-request stores on it showed in the server's CPU profile).
 * The logger is the same object for every request (it reads the request's context when it writes).
 * Assigning `req.log` (e.g. pino-http) still works: the setter makes it an own property of that
 * request. Returns false — the caller then stores an own property per request — for node's own
 * IncomingMessage prototype (never changed globally) or a prototype whose `log` is someone else's.
 */
function defineLogAccessor(proto: object | null, getLog: () => Logger): boolean {
  if (proto === null || proto === IncomingMessage.prototype) return false;
  const existing = Object.getOwnPropertyDescriptor(proto, 'log');
  if (existing !== undefined) return (existing.get as { [LOG_GETTER]?: () => Logger } | undefined)?.[LOG_GETTER] === getLog;
  const get = function meridianLog(): Logger {
    return getLog();
  };
  (get as unknown as { [LOG_GETTER]: () => Logger })[LOG_GETTER] = getLog;
  try {
    Object.defineProperty(proto, 'log', {
      configurable: true,
      enumerable: false,
      get,
      set(this: object, value: unknown) {
        Object.defineProperty(this, 'log', { value, writable: true, configurable: true, enumerable: true });
      },
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Error middleware that records the error on the request's span (exception event, status ERROR, and
 * the access line at error level) and passes it on unchanged: put it after your routes and before
 * your own error handlers. `instrumentExpress(app)` also records errors that reach Express's final
 * handler without it.
 */
export function meridianErrorHandler(): MeridianErrorMiddleware {
  return function meridianErrorMiddleware(err: unknown, _req: IncomingMessage, res: ServerResponse, next: NextFunction): void {
    recordError(res, err);
    next(err);
  };
}

export function recordError(res: ServerResponse, err: unknown): void {
  const scope = requestScopeOf(res);
  if (scope !== undefined && scope.error === undefined) scope.error = err ?? new Error('unknown error');
}
