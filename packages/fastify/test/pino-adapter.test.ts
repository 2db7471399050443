import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FastifyLoggerAdapter } from '../src/index.js';
import { collectingLogger } from './helpers.js';

describe('FastifyLoggerAdapter (pino call shapes onto a Meridian logger)', () => {
  test('accepts (msg, ...args), (obj, msg), (err, msg) and (msg, fields)', () => {
    const { logger, records } = collectingLogger();
    const log = new FastifyLoggerAdapter(logger);
    log.info('plain');
    log.info('hello %s, %d items', 'world', 3);
    log.warn({ user: 'u1' }, 'with fields');
    log.error(new Error('bad thing'), 'failed');
    log.info('meridian style', { k: 1 });
    assert.deepEqual(
      records.map((r) => [r.level, r.message]),
      [
        ['info', 'plain'],
        ['info', 'hello world, 3 items'],
        ['warn', 'with fields'],
        ['error', 'failed'],
        ['info', 'meridian style'],
      ],
    );
    assert.equal(records[2].user, 'u1');
    assert.equal(records[4].k, 1);
    assert.match(JSON.stringify(records[3]), /bad thing/);
  });

  test('child(bindings, { level, serializers }) binds fields, filters levels and serialises keys', () => {
    const { logger, records } = collectingLogger();
    const root = new FastifyLoggerAdapter(logger);
    const child = root.child({ reqId: 'req-1' }, { level: 'warn', serializers: { req: (r) => ({ method: (r as { method: string }).method }) } });
    child.info('dropped');
    child.warn({ req: { method: 'GET', socket: {} } }, 'kept');
    assert.equal(records.length, 1);
    assert.equal(records[0].reqId, 'req-1');
    assert.deepEqual(records[0].req, { method: 'GET' });
    assert.equal(child.level, 'warn');
    assert.equal(root.level, 'trace');
  });
});
