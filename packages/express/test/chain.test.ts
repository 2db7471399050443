import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http, { type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import { instrumentOutbound, uninstrumentOutbound } from '@meridian/http';
import { meridianExpress } from '../src/index.js';
import { close, collectingLogger, startTestTracing, until, type TestTracing } from './helpers.js';

async function serve(app: ReturnType<typeof express>): Promise<{ server: Server; url: string }> {
  const server = http.createServer(app);
  // 1,000 simultaneous connects overflow the default backlog (511): dropped SYNs are retried after 1 s.
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

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

describe('express: A → B → C over loopback keeps one trace', () => {
  let tracing: TestTracing;
  const servers: Server[] = [];
  const { logger, records } = collectingLogger();
  let urlA = '';

  before(async () => {
    tracing = startTestTracing();
    instrumentOutbound({ enabled: true });
    const c = express();
    c.use(meridianExpress({ logger }));
    c.get('/c', (req, res) => {
      req.log.info('in C');
      res.json({ service: 'C' });
    });
    const C = await serve(c);
    const b = express();
    b.use(meridianExpress({ logger }));
    b.get('/b', async (req, res) => {
      req.log.info('in B');
      const body = await httpRequest(`${C.url}/c`); // node:http client
      res.type('json').send(body);
    });
    const B = await serve(b);
    const a = express();
    a.use(meridianExpress({ logger }));
    a.get('/a', async (req, res) => {
      req.log.info('in A');
      const r = await fetch(`${B.url}/b`); // fetch (undici)
      res.json(await r.json());
    });
    const A = await serve(a);
    servers.push(A.server, B.server, C.server);
    urlA = A.url;
  });
  after(async () => {
    uninstrumentOutbound();
    for (const s of servers) await close(s);
    await tracing.handle.shutdown();
  });

  test('one trace id, each hop the child of the previous one', async () => {
    const res = await fetch(`${urlA}/a`);
    assert.deepEqual(await res.json(), { service: 'C' });
    await until(() => records.filter((r) => r.status !== undefined).length === 3);
    const spans = await tracing.spans();
    const byName = (name: string, kind: SpanKind): ReadableSpan => {
      const s = spans.find((x) => x.name === name && x.kind === kind);
      assert.ok(s, `span ${name}`);
      return s;
    };
    const serverA = byName('GET /a', SpanKind.SERVER);
    const clientAB = spans.find((s) => s.kind === SpanKind.CLIENT && String(s.attributes['url.full']).endsWith('/b'))!;
    const serverB = byName('GET /b', SpanKind.SERVER);
    const clientBC = spans.find((s) => s.kind === SpanKind.CLIENT && String(s.attributes['url.full']).endsWith('/c'))!;
    const serverC = byName('GET /c', SpanKind.SERVER);
    const traceId = serverA.spanContext().traceId;
    for (const s of [clientAB, serverB, clientBC, serverC]) assert.equal(s.spanContext().traceId, traceId);
    // The test's own fetch is instrumented too: it is the root of the trace.
    const root = spans.find((s) => s.kind === SpanKind.CLIENT && String(s.attributes['url.full']).endsWith('/a'))!;
    assert.equal(root.parentSpanContext, undefined);
    assert.equal(root.spanContext().traceId, traceId);
    assert.equal(serverA.parentSpanContext?.spanId, root.spanContext().spanId);
    assert.equal(clientAB.parentSpanContext?.spanId, serverA.spanContext().spanId);
    assert.equal(serverB.parentSpanContext?.spanId, clientAB.spanContext().spanId);
    assert.equal(clientBC.parentSpanContext?.spanId, serverB.spanContext().spanId);
    assert.equal(serverC.parentSpanContext?.spanId, clientBC.spanContext().spanId);
    // Each service's lines carry the trace id and that service's server span.
    const expected: Record<string, ReadableSpan> = { 'in A': serverA, 'in B': serverB, 'in C': serverC };
    for (const [message, span] of Object.entries(expected)) {
      const line = records.find((r) => r.message === message)!;
      assert.equal(line.trace_id, traceId);
      assert.equal(line.span_id, span.spanContext().spanId);
    }
    assert.equal(res.headers.get('server-timing'), `trace;desc=00-${traceId}-${serverA.spanContext().spanId}-01`);
  });
});

describe('express: 1,000 concurrent requests', () => {
  let tracing: TestTracing;
  let server: Server;
  let url = '';
  const { logger, records } = collectingLogger();

  before(async () => {
    tracing = startTestTracing();
    const app = express();
    app.use(express.json());
    app.use(meridianExpress({ logger, accessLog: false }));
    app.use(express.json()); // the body parser reads the stream after our middleware: context must survive it
    app.post('/work', async (req, res) => {
      const expected = String(req.headers.traceparent).slice(3, 35);
      req.log.info('start', { expected });
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      logger.info('middle', { expected });
      await Promise.resolve();
      req.log.info('end', { expected });
      res.json({ ok: (req.body as { n: number }).n });
    });
    ({ server, url } = await serve(app));
  });
  after(async () => {
    await close(server);
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
    assert.equal(records.length, 3 * n);
    const byRequest = new Map(sent.map((s) => [s.requestId, s.traceId]));
    for (const r of records) {
      assert.equal(r.trace_id, r.expected, `line ${String(r.message)} of ${String(r.request_id)}`);
      assert.equal(byRequest.get(String(r.request_id)), r.trace_id);
    }
  });
});
