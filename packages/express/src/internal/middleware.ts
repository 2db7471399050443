import type { IncomingMessage, ServerResponse } from 'node:http';
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
  const metrics = metricsEnabled(options.metrics);
  return function meridianMiddleware(req: IncomingMessage, res: ServerResponse, next: NextFunction): void {
    if (metrics && isMetricsRequest(req)) return serveMetrics(req, res);
    const scope = instrumentation.begin(req, res);
    (req as IncomingMessage & { log: Logger }).log = scope.logger;
    instrumentation.run(scope, next);
  };
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
