// Type tests of @meridian/express's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import express from 'express';
import type { Logger } from '@meridian/logger';
import { type ExpressOptions, expressRoute, instrumentExpress, meridianErrorHandler, meridianExpress } from '@meridian/express';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: ExpressOptions = { ignorePaths: ['/healthz'], serverTiming: true, accessLog: true, requestIdHeader: 'x-correlation-id' };
const app = instrumentExpress(express(), options);
expectTrue<Equal<typeof app, express.Express>>(true);
app.use(meridianExpress());
app.use(meridianExpress(options));
app.get('/orders/:id', (req, res) => {
  const log: Logger = req.log; // the Express.Request augmentation
  log.info('loading order', { orderId: req.params.id });
  res.json({ id: req.params.id });
});
app.use(meridianErrorHandler());
// @ts-expect-error: misspelt option (accessLog)
meridianExpress({ accesLog: false });
// @ts-expect-error: adapters read the route themselves: routeOf is not an Express option
meridianExpress({ routeOf: () => undefined });
// @ts-expect-error: serverTiming is a boolean
instrumentExpress(express(), { serverTiming: 'yes' });
// @ts-expect-error: meridianErrorHandler takes no options
meridianErrorHandler({ accessLog: false });
app.get('/route', (req, res) => {
  const route: string | undefined = expressRoute(req);
  res.send(route);
});
