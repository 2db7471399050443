import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { createLogger, type LogEntry } from '@meridian/logger';
import { meridianFastify, meridianFastifyLogger } from '../src/index.js';
import { startTestTracing, until } from './helpers.js';

test('request.log.debug lines are held per request and written only for the request that fails (MERIDIAN_DEBUG_BUFFER)', async () => {
  const tracing = startTestTracing();
  const records: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    debugBuffer: true,
    flushOnExit: false,
    service: 'test',
    destinations: [
      {
        write: (e: LogEntry) => {
          records.push(JSON.parse(e.line) as Record<string, unknown>);
        },
        flush: async () => {},
        close: async () => {},
      },
    ],
  });
  const app = Fastify({ loggerInstance: meridianFastifyLogger(logger) });
  await app.register(meridianFastify, { logger });
  app.get('/ok', async (request) => {
    request.log.debug('ok: cart loaded');
    return 'fine';
  });
  app.get('/fail', async (request) => {
    request.log.debug({ step: 'risk' }, 'fail: risk check');
    throw new Error('declined');
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    assert.equal((await fetch(`${base}/ok`)).status, 200);
    assert.equal((await fetch(`${base}/fail`)).status, 500);
    await until(() => records.some((r) => r.status === 500));
    const messages = records.map((r) => String(r.message));
    assert.equal(messages.includes('ok: cart loaded'), false, 'a good request writes no debug line');
    const held = records.find((r) => r.message === 'fail: risk check');
    assert.ok(held, `the failed request's debug line is written; got ${JSON.stringify(messages)}`);
    assert.equal(held.step, 'risk');
    assert.equal(held.level, 'debug');
  } finally {
    await app.close();
    await tracing.handle.shutdown();
  }
});
