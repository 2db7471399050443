import type { IncomingMessage, ServerResponse } from 'node:http';
import { meridianExpress, recordError, type ExpressOptions, type NextFunction } from './middleware.js';

interface RouterLike {
  handle(req: IncomingMessage, res: ServerResponse, done: NextFunction): unknown;
}

interface AppLike {
  use(fn: unknown): unknown;
  router?: RouterLike; // Express 5 (created on first access)
  _router?: RouterLike; // Express 4 (created by lazyrouter())
  lazyrouter?: () => void;
}

const INSTRUMENTED = Symbol.for('meridian.express.instrumented');

/**
 * One call for an app, before its routes: adds `meridianExpress(options)` as the first middleware and
 * wraps the app router's final callback so an error that no error middleware answered (`next(err)`, a
 * throw, or — Express 5 — a rejected promise) is recorded on the span before Express's final handler
 * answers 500. Patches only this app's router instance (`router.handle`), nothing global. Idempotent.
 */
export function instrumentExpress<A>(app: A, options?: ExpressOptions): A {
  const a = app as unknown as AppLike & { [INSTRUMENTED]?: true };
  if (a[INSTRUMENTED]) return app;
  a[INSTRUMENTED] = true;
  a.use(meridianExpress(options));
  let router: RouterLike | undefined;
  if (typeof a.lazyrouter === 'function') {
    a.lazyrouter();
    router = a._router;
  } else {
    router = a.router;
  }
  if (router !== undefined && typeof router.handle === 'function') {
    const original = router.handle;
    router.handle = function meridianRouterHandle(this: RouterLike, req: IncomingMessage, res: ServerResponse, done: NextFunction): unknown {
      return original.call(this, req, res, function meridianFinal(err?: unknown): void {
        if (err !== undefined && err !== null && err !== 'route' && err !== 'router') recordError(res, err);
        done(err);
      });
    };
  }
  return app;
}
