import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { instrumentOutbound, uninstrumentOutbound } from '@meridian/http';
import type { Logger } from '@meridian/logger';
import { meridianFastify, meridianFastifyLogger } from '../src/index.js';
import { assertChainABC, assertOwnIds, collectingLogger, httpGetText, sendConcurrentWork, startTestTracing, until, type TestTracing } from './helpers.js';

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
      return httpGetText(`${urlC}/c`); // node:http client
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
    assertChainABC(await tracing.spans(), records);
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
    const sent = await sendConcurrentWork(url, 1000);
    // Fastify also logs "Server listening at …"
    assertOwnIds(
      records.filter((r) => r.expected !== undefined),
      sent,
      3,
    );
  });
});
