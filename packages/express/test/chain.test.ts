import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http, { type Server } from 'node:http';
import express from 'express';
import { instrumentOutbound, uninstrumentOutbound } from '@meridian/http';
import { meridianExpress } from '../src/index.js';
import {
  assertChainABC,
  assertOwnIds,
  close,
  collectingLogger,
  httpGetText,
  sendConcurrentWork,
  startTestTracing,
  until,
  type TestTracing,
} from './helpers.js';

async function serve(app: ReturnType<typeof express>): Promise<{ server: Server; url: string }> {
  const server = http.createServer(app);
  // 1,000 simultaneous connects overflow the default backlog (511): dropped SYNs are retried after 1 s.
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
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
      const body = await httpGetText(`${C.url}/c`); // node:http client
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
    // The test's own fetch is instrumented too: it is the root of the trace.
    const { traceId, chain } = assertChainABC(await tracing.spans(), records);
    const serverA = chain[1];
    // the trace was started by the test's instrumented fetch: sampled + random trace id (03), as propagated
    assert.equal(res.headers.get('server-timing'), `trace;desc=00-${traceId}-${serverA.spanContext().spanId}-03`);
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
    const sent = await sendConcurrentWork(url, 1000);
    assertOwnIds(records, sent, 3);
  });
});
