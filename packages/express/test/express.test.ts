import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IncomingMessage, createServer, type Server } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import express5 from 'express';
import express4 from 'express4';
import { instrumentExpress, meridianErrorHandler, meridianExpress } from '../src/index.js';
import { close, collectingLogger, listen, startTestTracing, until, type TestTracing } from './helpers.js';

const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

for (const [label, express] of [
  ['express 5', express5],
  ['express 4', express4],
] as const) {
  describe(`@meridian/express on ${label}`, () => {
    let tracing: TestTracing;
    let server: Server;
    let base: string;
    const { logger, records } = collectingLogger();
    const access = (): Record<string, unknown>[] => records.filter((r) => r.status !== undefined);

    before(async () => {
      tracing = startTestTracing();
      const app = express();
      app.set('env', 'test'); // Express's final handler prints error stacks otherwise
      instrumentExpress(app, { logger, ignorePaths: ['/healthz'] });
      const api = express.Router();
      api.get('/users/:id', async (req, res) => {
        req.log.info('loading user', { id: req.params.id });
        await new Promise((r) => setTimeout(r, 2));
        req.log.info('loaded user');
        res.json({ id: req.params.id });
      });
      app.use('/api', api);
      app.get('/healthz', (_req, res) => {
        logger.info('health');
        res.send('ok');
      });
      app.get('/throw', () => {
        throw new Error('sync throw');
      });
      app.get('/next-error', (_req, _res, next) => next(new Error('passed to next')));
      app.get('/teapot', (_req, res) => res.status(503).send('busy'));
      app.get('/own-log', (req, res) => {
        // e.g. pino-http assigns its own req.log: the assignment wins for this request only
        const mine = { info: (m: string) => res.setHeader('x-own-log', m) };
        (req as unknown as { log: unknown }).log = mine;
        (req as unknown as { log: typeof mine }).log.info('mine');
        res.send('ok');
      });
      app.get('/chunked', (_req, res) => {
        res.write('abc');
        res.write(Buffer.from('de'));
        res.end('fgh');
      });
      if (label === 'express 5') {
        app.get('/reject', async () => {
          await new Promise((r) => setTimeout(r, 1));
          throw new Error('async rejection');
        });
      }
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    after(async () => {
      await close(server);
      await tracing.handle.shutdown();
    });
    beforeEach(async () => {
      await tracing.reset();
      records.length = 0;
    });

    test('req.log can be replaced per request (pino-http style) without affecting other requests', async () => {
      const own = await fetch(`${base}/own-log`);
      assert.equal(own.headers.get('x-own-log'), 'mine');
      await fetch(`${base}/api/users/7`).then((r) => r.json());
      await until(() => records.some((r) => r.message === 'loaded user'));
      assert.ok(
        records.some((r) => r.message === 'loading user' && r.id === '7'),
        'req.log is the Meridian logger again on the next request',
      );
    });

    test('access log counts the bytes of a chunked response', async () => {
      const res = await fetch(`${base}/chunked`);
      assert.equal(await res.text(), 'abcdefgh');
      assert.equal(res.headers.get('content-length'), null);
      await until(() => access().length === 1);
      assert.equal(access()[0].bytes, 8);
    });

    test('names the SERVER span with the route template (router mount + route) and continues the trace', async () => {
      const res = await fetch(`${base}/api/users/42?expand=1`, { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` } });
      assert.deepEqual(await res.json(), { id: '42' });
      await until(() => access().length === 1);
      const [span] = (await tracing.spans()).filter((s) => s.kind === SpanKind.SERVER);
      assert.equal(span.name, 'GET /api/users/:id');
      assert.equal(span.attributes['http.route'], '/api/users/:id');
      assert.equal(span.attributes['url.path'], '/api/users/42');
      assert.equal(span.spanContext().traceId, PARENT_TRACE);
      assert.equal(span.parentSpanContext?.spanId, PARENT_SPAN);
      assert.match(res.headers.get('server-timing') ?? '', /^trace;desc=00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
      assert.equal(res.headers.get('server-timing'), `trace;desc=00-${PARENT_TRACE}-${span.spanContext().spanId}-01`);
      const requestId = res.headers.get('x-request-id');
      const lines = records.filter((r) => r.message === 'loading user' || r.message === 'loaded user');
      assert.equal(lines.length, 2);
      for (const l of lines) {
        assert.equal(l.trace_id, PARENT_TRACE);
        assert.equal(l.span_id, span.spanContext().spanId);
        assert.equal(l.request_id, requestId);
      }
      const [line] = access();
      assert.equal(line.method, 'GET');
      assert.equal(line.route, '/api/users/:id');
      assert.equal(line.path, '/api/users/42');
      assert.equal(line.status, 200);
      assert.equal(line.bytes, Number(res.headers.get('content-length')));
      assert.equal(line.request_id, requestId);
      assert.equal(line.trace_id, PARENT_TRACE);
      assert.equal(typeof line.duration_ms, 'number');
    });

    const errorCases: [string, string, string][] = [
      ['a thrown error', '/throw', 'sync throw'],
      ['next(err)', '/next-error', 'passed to next'],
    ];
    if (label === 'express 5') errorCases.push(['a rejected async handler', '/reject', 'async rejection']);
    for (const [what, path, message] of errorCases) {
      test(`${what} is recorded on the span (exception, ERROR) and logged at error`, async () => {
        const res = await fetch(base + path);
        assert.equal(res.status, 500);
        await res.text();
        await until(() => access().length === 1);
        const [span] = await tracing.spans();
        assert.equal(span.status.code, SpanStatusCode.ERROR);
        assert.equal(span.status.message, message);
        assert.equal(span.attributes['http.response.status_code'], 500);
        assert.equal(span.events.find((e) => e.name === 'exception')?.attributes?.['exception.message'], message);
        assert.equal(access()[0].level, 'error');
      });
    }

    test('a 5xx answer without an exception marks the span ERROR', async () => {
      assert.equal((await fetch(`${base}/teapot`)).status, 503);
      await until(() => access().length === 1);
      const [span] = await tracing.spans();
      assert.equal(span.name, 'GET /teapot');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.events.length, 0);
    });

    test('unmatched routes are named by method only (no route cardinality explosion)', async () => {
      assert.equal((await fetch(`${base}/nope/123`)).status, 404);
      await until(() => access().length === 1);
      const [span] = await tracing.spans();
      assert.equal(span.name, 'GET');
      assert.equal(span.attributes['http.route'], undefined);
      assert.equal(access()[0].level, 'warn');
    });

    test('ignored paths get no span and no access line', async () => {
      await (await fetch(`${base}/healthz`)).text();
      await (await fetch(`${base}/teapot`)).text();
      await until(() => access().length === 1);
      assert.deepEqual(
        (await tracing.spans()).map((s) => s.name),
        ['GET /teapot'],
      );
      assert.ok(records.some((r) => r.message === 'health' && typeof r.request_id === 'string'));
    });

    test('meridianErrorHandler records errors your own error handler answers', async () => {
      const app = express();
      app.set('env', 'test');
      app.use(meridianExpress({ logger }));
      app.get('/x', () => {
        throw new Error('handled by the app');
      });
      app.use(meridianErrorHandler());
      app.use((_err: unknown, _req: unknown, res: { status(n: number): { send(b: string): void } }, _next: unknown) => res.status(502).send('bad gateway'));
      const s = app.listen(0, '127.0.0.1');
      await new Promise((r) => s.once('listening', r));
      const res = await fetch(`http://127.0.0.1:${(s.address() as { port: number }).port}/x`);
      assert.equal(res.status, 502);
      await until(() => access().length === 1);
      await close(s);
      const [span] = await tracing.spans();
      assert.equal(span.name, 'GET /x');
      assert.equal(span.status.message, 'handled by the app');
    });
  });
}

test('without Express (plain node:http, connect-style), req.log is set on the request itself', async () => {
  const { logger } = collectingLogger();
  const middleware = meridianExpress({ logger, accessLog: false });
  let seen: unknown;
  let onPrototype = true;
  const server = createServer((req, res) => {
    middleware(req, res, () => {
      seen = (req as unknown as { log: unknown }).log;
      onPrototype = Object.prototype.hasOwnProperty.call(IncomingMessage.prototype, 'log');
      res.end('ok');
    });
  });
  const url = await listen(server);
  try {
    const res = await fetch(`${url}/x`);
    assert.equal(await res.text(), 'ok');
    assert.equal(seen, logger);
    assert.equal(onPrototype, false, "node's IncomingMessage.prototype is never changed");
  } finally {
    await close(server);
  }
});
