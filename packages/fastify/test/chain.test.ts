import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { instrumentOutbound, uninstrumentOutbound } from '@meridian/http';
import type { Logger } from '@meridian/logger';
import { meridianFastify, meridianFastifyLogger } from '../src/index.js';
import { collectingLogger, startTestTracing, until, type TestTracing } from './helpers.js';

function httpRequest(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

async function service(logger: Logger, accessLog = true): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: meridianFastifyLogger(logger), logController: new LogController({ disableRequestLogging: true }) });
  await app.register(meridianFastify, { logger, accessLog });
  return app;
}

// 1,000 simultaneous connects overflow the default backlog (511): dropped SYNs are retried after 1 s.
const LISTEN = { port: 0, host: '127.0.0.1', backlog: 2048 };

describe('fastify: A → B → C over loopback keeps one trace', () => {
  let tracing: TestTracing;
  const apps: FastifyInstance[] = [];
  const { logger, records } = collectingLogger();
  let urlA = '';

  before(async () => {
    tracing = startTestTracing();
    instrumentOutbound({ enabled: true });
    const c = await service(logger);
    c.get('/c', async (request) => {
      request.log.info('in C');
      return { service: 'C' };
    });
    const urlC = await c.listen(LISTEN);
    const b = await service(logger);
    b.get('/b', async (request, reply) => {
      request.log.info('in B');
      reply.type('application/json');
      return httpRequest(`${urlC}/c`); // node:http client
    });
    const urlB = await b.listen(LISTEN);
    const a = await service(logger);
    a.get('/a', async (request) => {
      request.log.info('in A');
      return (await fetch(`${urlB}/b`)).json(); // fetch (undici)
    });
    urlA = await a.listen(LISTEN);
    apps.push(a, b, c);
  });
  after(async () => {
    uninstrumentOutbound();
    for (const app of apps) await app.close();
    await tracing.handle.shutdown();
  });

  test('one trace id, each hop the child of the previous one', async () => {
    const res = await fetch(`${urlA}/a`);
    assert.deepEqual(await res.json(), { service: 'C' });
    await until(() => records.filter((r) => r.status !== undefined).length === 3);
    const spans = await tracing.spans();
    const find = (kind: SpanKind, suffix: string): ReadableSpan => {
      const s = spans.find((x) => x.kind === kind && String(x.attributes[kind === SpanKind.CLIENT ? 'url.full' : 'url.path']).endsWith(suffix));
      assert.ok(s, `${kind} span ${suffix}`);
      return s;
    };
    const root = find(SpanKind.CLIENT, '/a');
    const chain = [root, find(SpanKind.SERVER, '/a'), find(SpanKind.CLIENT, '/b'), find(SpanKind.SERVER, '/b'), find(SpanKind.CLIENT, '/c'), find(SpanKind.SERVER, '/c')];
    const traceId = root.spanContext().traceId;
    assert.equal(root.parentSpanContext, undefined);
    for (let i = 1; i < chain.length; i++) {
      assert.equal(chain[i].spanContext().traceId, traceId);
      assert.equal(chain[i].parentSpanContext?.spanId, chain[i - 1].spanContext().spanId, `hop ${i}: ${chain[i].name}`);
    }
    assert.deepEqual(chain.filter((s) => s.kind === SpanKind.SERVER).map((s) => s.name), ['GET /a', 'GET /b', 'GET /c']);
    for (const [message, span] of [['in A', chain[1]], ['in B', chain[3]], ['in C', chain[5]]] as const) {
      const line = records.find((r) => r.message === message)!;
      assert.equal(line.trace_id, traceId);
      assert.equal(line.span_id, span.spanContext().spanId);
    }
  });
});

describe('fastify: 1,000 concurrent requests', () => {
  let tracing: TestTracing;
  let app: FastifyInstance;
  let url = '';
  const { logger, records } = collectingLogger();

  before(async () => {
    tracing = startTestTracing();
    app = await service(logger, false);
    app.post('/work', async (request) => {
      const expected = String(request.headers.traceparent).slice(3, 35);
      request.log.info({ expected }, 'start');
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      logger.info('middle', { expected });
      await Promise.resolve();
      request.log.info({ expected }, 'end');
      return { ok: (request.body as { n: number }).n };
    });
    url = await app.listen(LISTEN);
  });
  after(async () => {
    await app.close();
    await tracing.handle.shutdown();
  });

  test('every log line carries only its own request trace id and request id', async () => {
    const n = 1000;
    const sent = await Promise.all(Array.from({ length: n }, async (_, i) => {
      const traceId = randomBytes(16).toString('hex');
      const requestId = `req-${i}`;
      const res = await fetch(`${url}/work`, {
        method: 'POST',
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-request-id': requestId, 'content-type': 'application/json' },
        body: JSON.stringify({ n: i }),
      });
      assert.deepEqual(await res.json(), { ok: i });
      return { traceId, requestId };
    }));
    const lines = records.filter((r) => r.expected !== undefined); // Fastify also logs "Server listening at …"
    assert.equal(lines.length, 3 * n);
    const byRequest = new Map(sent.map((s) => [s.requestId, s.traceId]));
    for (const r of lines) {
      assert.equal(r.trace_id, r.expected, `line ${String(r.message)} of ${String(r.request_id)}`);
      assert.equal(byRequest.get(String(r.request_id)), r.trace_id);
    }
  });
});
