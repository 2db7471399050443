/**
 * @meridian/express — Meridian for Express 4 and 5: SERVER spans continuing the caller's trace, the
 * request context on every log line, `req.log`, one access-log line per request, error capture.
 */
import type { Logger } from '@meridian/logger';

export { meridianExpress, meridianErrorHandler } from './internal/middleware.js';
export { requestScopeOf } from '@meridian/http';
export type { ExpressOptions, MeridianErrorMiddleware, MeridianMiddleware, NextFunction } from './internal/middleware.js';
export { instrumentExpress } from './internal/instrument-app.js';
export { expressRoute } from './internal/route.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The Meridian logger; lines written while handling the request carry its trace ids and request_id. */
      log: Logger;
    }
  }
}
