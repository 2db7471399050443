import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { getContext } from '@meridian/context';
import { ABORTED_ATTRIBUTE, meridianHandler } from '../src/index.js';
import { close, collectingLogger, listen, startTestTracing, until, type TestTracing } from './helpers.js';

const PARENT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT_SPAN = 'b7ad6b7169203331';

describe('server instrumentation (node:http)', () => {
  let tracing: TestTracing;
  let server: http.Server;
  let base: string;
  const { logger, records } = collectingLogger();

  before(async () => {
    tracing = startTestTracing();
    server = http.createServer(
      meridianHandler(
        async (req, res) => {
          const url = req.url ?? '/';
          logger.info('handling', { where: 'handler' });
          if (url.startsWith('/boom')) throw new Error('kaput');
          if (url.startsWith('/fail')) {
            res.statusCode = 503;
            res.end('no');
            return;
          }
          if (url.startsWith('/slow')) return; // never answers: the client aborts
          if (url.startsWith('/stream')) {
            res.write('abc');
            res.end('de');
            return;
          }
          await new Promise((r) => setTimeout(r, 1));
          logger.info('after await', { ctx: getContext()?.request_id });
          res.setHeader('content-type', 'text/plain');
          res.end('hello');
        },
        { logger, ignorePaths: ['/healthz', '/internal/*'], serverTiming: true, accessLog: true, requestIdHeader: 'x-request-id' },
      ),
    );
    base = await listen(server);
  });
  after(async () => {
    await close(server);
    await tracing.handle.shutdown();
  });
  beforeEach(async () => {
    await tracing.reset();
    records.length = 0;
  });

  test('continues the caller trace in a SERVER span with semantic-convention attributes', async () => {
    const res = await fetch(`${base}/hello?x=1`, {
      headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01`, 'user-agent': 'probe/1', 'x-request-id': 'req-abc' },
    });
    assert.equal(await res.text(), 'hello');
    await until(() => records.some((r) => r.status !== undefined));
    const spans = await tracing.spans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    assert.equal(server.spanContext().traceId, PARENT_TRACE);
    assert.equal(server.parentSpanContext?.spanId, PARENT_SPAN);
    assert.equal(server.name, 'GET');
    assert.equal(server.attributes['http.request.method'], 'GET');
    assert.equal(server.attributes['url.path'], '/hello');
    assert.equal(server.attributes['url.query'], 'x=1');
    assert.equal(server.attributes['url.scheme'], 'http');
    assert.equal(server.attributes['server.address'], '127.0.0.1');
    assert.equal(server.attributes['server.port'], Number(new URL(base).port));
    assert.equal(server.attributes['client.address'], '127.0.0.1');
    assert.equal(server.attributes['user_agent.original'], 'probe/1');
    assert.equal(server.attributes['network.protocol.version'], '1.1');
    assert.equal(server.attributes['http.response.status_code'], 200);
    assert.equal(server.status.code, SpanStatusCode.UNSET);
    // Response headers: server-timing carries the server span, the request id is echoed.
    assert.equal(res.headers.get('server-timing'), `trace;desc=00-${PARENT_TRACE}-${server.spanContext().spanId}-01`);
    assert.equal(res.headers.get('x-request-id'), 'req-abc');
    // Every line written while handling carries the ids, also after an await.
    const handlerLines = records.filter((r) => r.message === 'handling' || r.message === 'after await');
    assert.equal(handlerLines.length, 2);
    for (const line of handlerLines) {
      assert.equal(line.trace_id, PARENT_TRACE);
      assert.equal(line.span_id, server.spanContext().spanId);
      assert.equal(line.request_id, 'req-abc');
    }
  });

  test('writes one access-log line with method, path, status, duration, bytes and ids', async () => {
    const res = await fetch(`${base}/stream`);
    assert.equal(await res.text(), 'abcde');
    await until(() => records.some((r) => r.status !== undefined));
    const access = records.filter((r) => r.status !== undefined);
    assert.equal(access.length, 1);
    const line = access[0];
    assert.equal(line.level, 'info');
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/stream');
    assert.equal(line.route, null);
    assert.equal(line.status, 200);
    assert.equal(line.bytes, 5);
    assert.equal(typeof line.duration_ms, 'number');
    assert.ok((line.duration_ms as number) >= 0);
    assert.ok((String(line.duration_ms).split('.')[1] ?? '').length <= 3, `3 decimals at most: ${String(line.duration_ms)}`);
    assert.match(String(line.request_id), /^[0-9a-f]{16}$/);
    assert.equal(res.headers.get('x-request-id'), line.request_id);
    const [span] = await tracing.spans();
    assert.equal(line.trace_id, span.spanContext().traceId);
    // the span's server.address / user_agent.original / client.address, under the line's names
    assert.deepEqual(
      [line.server_address, line.user_agent, line.client_address],
      [span.attributes['server.address'], span.attributes['user_agent.original'], span.attributes['client.address']],
    );
    assert.equal(line.server_address, '127.0.0.1');
    assert.equal(typeof line.user_agent, 'string');
  });

  test('marks 5xx responses and thrown errors as ERROR and logs them at error', async () => {
    assert.equal((await fetch(`${base}/fail`)).status, 503);
    assert.equal((await fetch(`${base}/boom`)).status, 500);
    await until(() => records.filter((r) => r.status !== undefined).length === 2);
    const spans = await tracing.spans();
    const fail = spans.find((s) => s.attributes['url.path'] === '/fail')!;
    assert.equal(fail.status.code, SpanStatusCode.ERROR);
    assert.equal(fail.attributes['error.type'], '503');
    const boom = spans.find((s) => s.attributes['url.path'] === '/boom')!;
    assert.equal(boom.status.code, SpanStatusCode.ERROR);
    assert.equal(boom.status.message, 'kaput');
    assert.equal(boom.events[0]?.name, 'exception');
    assert.equal(boom.events[0]?.attributes?.['exception.message'], 'kaput');
    const levels = records.filter((r) => r.status !== undefined).map((r) => r.level);
    assert.deepEqual(levels, ['error', 'error']);
  });

  test('ignored paths: no span, no access log, no server-timing, but logs keep the caller ids', async () => {
    const res1 = await fetch(`${base}/healthz`, { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` } });
    await res1.text();
    const res2 = await fetch(`${base}/internal/metrics`);
    await res2.text();
    const res3 = await fetch(`${base}/healthz2`);
    await res3.text();
    await until(() => records.some((r) => r.status !== undefined));
    const spans = await tracing.spans();
    assert.deepEqual(
      spans.map((s) => s.attributes['url.path']),
      ['/healthz2'],
    );
    assert.equal(res1.headers.get('server-timing'), null);
    assert.deepEqual(
      records.filter((r) => r.status !== undefined).map((r) => r.path),
      ['/healthz2'],
    );
    const healthLine = records.find((r) => r.message === 'handling')!;
    assert.equal(healthLine.trace_id, PARENT_TRACE);
    assert.equal(healthLine.span_id, PARENT_SPAN);
    assert.equal(healthLine.request_id, res1.headers.get('x-request-id'));
  });

  test('a client that disconnects ends the span with the aborted attribute and a warn line', async () => {
    await new Promise<void>((resolve) => {
      const req = http.get(`${base}/slow`);
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 50);
    });
    await until(() => records.some((r) => r.status !== undefined));
    const [span] = await tracing.spans();
    assert.equal(span.attributes[ABORTED_ATTRIBUTE], true);
    assert.equal(span.attributes['http.response.status_code'], undefined);
    const line = records.find((r) => r.status !== undefined)!;
    assert.equal(line.level, 'warn');
    assert.equal(line.status, 499);
    assert.equal(line.aborted, true);
  });

  test('the handler runs with the server span active', async () => {
    let seen: string | undefined;
    const s = http.createServer(
      meridianHandler(
        (_req, res) => {
          seen = trace.getSpan(context.active())?.spanContext().traceId;
          res.end();
        },
        { logger, accessLog: false },
      ),
    );
    const url = await listen(s);
    await (await fetch(url, { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` } })).text();
    await close(s);
    assert.equal(seen, PARENT_TRACE);
  });

  test('a request-id header name Node refuses does not fail the request', async () => {
    const s = http.createServer(meridianHandler((_req, res) => res.end('served'), { logger, accessLog: false, requestIdHeader: 'bad header' }));
    const url = await listen(s);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'served');
    await close(s);
  });

  test('server-timing can be switched off and appends to an existing header', async () => {
    const s = http.createServer(meridianHandler((_req, res) => res.end(), { logger, serverTiming: false, accessLog: false }));
    const url = await listen(s);
    const res = await fetch(url);
    await res.text();
    await close(s);
    assert.equal(res.headers.get('server-timing'), null);

    const s2 = http.createServer((req, res) => {
      res.setHeader('server-timing', 'cache;desc="hit"');
      meridianHandler((_q, r) => r.end(), { logger, accessLog: false })(req, res);
    });
    const url2 = await listen(s2);
    const res2 = await fetch(url2);
    await res2.text();
    await close(s2);
    // a trace this server started: sampled + random trace id (03), as its traceparent says (issue 12)
    assert.match(res2.headers.get('server-timing') ?? '', /^cache;desc="hit", trace;desc=00-[0-9a-f]{32}-[0-9a-f]{16}-03$/);
  });
});

describe('per-request debug buffer of the logger', () => {
  test('debug lines of a request that fails are written (before its error line); of one that succeeds, dropped', async () => {
    const tracing = startTestTracing();
    const { createLogger } = await import('@meridian/logger');
    const records: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'info',
      debugBuffer: true,
      flushOnExit: false,
      service: 'test',
      destinations: [
        {
          write: (e) => {
            records.push(JSON.parse(e.line) as Record<string, unknown>);
          },
          flush: async () => {},
          close: async () => {},
        },
      ],
    });
    const s = http.createServer(
      meridianHandler(
        (req, res) => {
          logger.debug('detail', { path: req.url });
          res.statusCode = req.url === '/bad' ? 500 : 200;
          res.end();
        },
        { logger },
      ),
    );
    const url = await listen(s);
    await (await fetch(`${url}/good`)).text();
    await (await fetch(`${url}/bad`)).text();
    await until(() => records.filter((r) => r.status !== undefined).length === 2);
    await close(s);
    await tracing.handle.shutdown();
    assert.deepEqual(
      records.map((r) => [r.level, r.message]),
      [
        ['info', 'GET /good 200'],
        ['debug', 'detail'],
        ['error', 'GET /bad 500'],
      ],
    );
    assert.equal(records[1].request_id, records[2].request_id);
    assert.equal(logger.stats().debugDiscarded, 1);
  });
});
