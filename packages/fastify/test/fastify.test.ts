import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { getContext } from '@meridian/context';
import { meridianFastify, meridianFastifyLogger } from '../src/index.js';
import { collectingLogger, startTestTracing, until, type TestTracing } from './helpers.js';

const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

describe('@meridian/fastify', () => {
  let tracing: TestTracing;
  let app: FastifyInstance;
  let base: string;
  const { logger, records } = collectingLogger();
  const access = (): Record<string, unknown>[] => records.filter((r) => r.status !== undefined);

  before(async () => {
    tracing = startTestTracing();
    app = Fastify({ loggerInstance: meridianFastifyLogger(logger), logController: new LogController({ disableRequestLogging: true }) });
    await app.register(meridianFastify, { logger, ignorePaths: ['/healthz'] });
    app.addHook('preHandler', async (request) => {
      await new Promise((r) => setTimeout(r, 1));
      request.log.info({ seen: trace.getSpan(context.active())?.spanContext().spanId }, 'preHandler');
    });
    app.get('/users/:id', async (request) => {
      request.log.info('loading user');
      await new Promise((r) => setTimeout(r, 2));
      logger.info('global logger line');
      return { id: (request.params as { id: string }).id, requestId: request.meridian?.requestId };
    });
    app.post('/echo', async (request) => {
      request.log.info({ ctx: getContext()?.request_id }, 'echo');
      return request.body;
    });
    app.get('/throw', async () => {
      throw new Error('handler threw');
    });
    app.get('/sync-throw', () => {
      throw new Error('sync handler threw');
    });
    app.get('/busy', async (_request, reply) => reply.code(503).send({ busy: true }));
    app.get('/healthz', async () => 'ok');
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await tracing.handle.shutdown();
  });
  beforeEach(async () => {
    await tracing.reset();
    records.length = 0;
  });

  test('SERVER span named with the route template, continuing the caller trace; request.log lines carry the ids', async () => {
    const res = await fetch(`${base}/users/7`, { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01`, 'x-request-id': 'abc-123' } });
    assert.deepEqual(await res.json(), { id: '7', requestId: 'abc-123' });
    await until(() => access().length === 1);
    const [span] = await tracing.spans();
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(span.name, 'GET /users/:id');
    assert.equal(span.attributes['http.route'], '/users/:id');
    assert.equal(span.attributes['http.response.status_code'], 200);
    assert.equal(span.spanContext().traceId, PARENT_TRACE);
    assert.equal(span.parentSpanContext?.spanId, PARENT_SPAN);
    assert.equal(res.headers.get('server-timing'), `trace;desc=00-${PARENT_TRACE}-${span.spanContext().spanId}-01`);
    assert.equal(res.headers.get('x-request-id'), 'abc-123');
    const lines = records.filter((r) => ['preHandler', 'loading user', 'global logger line'].includes(String(r.message)));
    assert.equal(lines.length, 3);
    for (const l of lines) {
      assert.equal(l.trace_id, PARENT_TRACE);
      assert.equal(l.span_id, span.spanContext().spanId);
      assert.equal(l.request_id, 'abc-123');
    }
    assert.equal(records.find((r) => r.message === 'preHandler')?.seen, span.spanContext().spanId);
    assert.ok(records.find((r) => r.message === 'loading user')?.reqId, 'Fastify bindings kept on request.log');
    const [line] = access();
    assert.deepEqual(
      { method: line.method, route: line.route, path: line.path, status: line.status, request_id: line.request_id, level: line.level },
      { method: 'GET', route: '/users/:id', path: '/users/7', status: 200, request_id: 'abc-123', level: 'info' },
    );
    assert.equal(line.bytes, Number(res.headers.get('content-length')));
    assert.equal(line.trace_id, PARENT_TRACE);
  });

  test('the request context survives body parsing (POST with a JSON body)', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'post-1' },
      body: JSON.stringify({ a: 1 }),
    });
    assert.deepEqual(await res.json(), { a: 1 });
    await until(() => access().length === 1);
    const [span] = await tracing.spans();
    const line = records.find((r) => r.message === 'echo')!;
    assert.equal(line.ctx, 'post-1');
    assert.equal(line.trace_id, span.spanContext().traceId);
    assert.equal(span.name, 'POST /echo');
  });

  for (const [path, message] of [
    ['/throw', 'handler threw'],
    ['/sync-throw', 'sync handler threw'],
  ]) {
    test(`errors (${path}) are recorded on the span and logged at error`, async () => {
      const res = await fetch(base + path);
      assert.equal(res.status, 500);
      await res.text();
      await until(() => access().length === 1);
      const [span] = await tracing.spans();
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, message);
      assert.equal(span.events.find((e) => e.name === 'exception')?.attributes?.['exception.message'], message);
      assert.equal(access()[0].level, 'error');
    });
  }

  test('5xx without an exception marks ERROR; 404 is named by method only', async () => {
    assert.equal((await fetch(`${base}/busy`)).status, 503);
    assert.equal((await fetch(`${base}/missing/1`)).status, 404);
    await until(() => access().length === 2);
    const spans = await tracing.spans();
    const busy = spans.find((s) => s.attributes['url.path'] === '/busy')!;
    assert.equal(busy.status.code, SpanStatusCode.ERROR);
    assert.equal(busy.name, 'GET /busy');
    const missing = spans.find((s) => s.attributes['url.path'] === '/missing/1')!;
    assert.equal(missing.name, 'GET');
    assert.equal(missing.status.code, SpanStatusCode.UNSET);
  });

  test('registering the plugin twice instruments each request once', async () => {
    const twice = Fastify();
    await twice.register(meridianFastify, { logger });
    await twice.register(meridianFastify, { logger });
    twice.get('/once', async () => 'ok');
    const url = await twice.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/once`);
    await res.text();
    await until(() => access().length >= 1);
    await twice.close();
    assert.equal(access().length, 1);
    assert.equal((await tracing.spans()).length, 1);
    assert.equal(res.headers.get('server-timing')?.split('trace;').length, 2);
  });

  test('ignored paths: no span, no access line', async () => {
    await (await fetch(`${base}/healthz`)).text();
    await (await fetch(`${base}/busy`)).text();
    await until(() => access().length === 1);
    assert.deepEqual(
      (await tracing.spans()).map((s) => s.name),
      ['GET /busy'],
    );
  });
});
