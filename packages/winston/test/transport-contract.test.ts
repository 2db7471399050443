/**
 * winston-transport's contract for `log(info, callback?)`, checked the way abstract-winston-transport
 * checks a transport: called directly (no winston logger around it), with and without a callback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeridianTransport } from '../src/index.js';
import { CollectingDestination } from './helpers.js';

const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');
const info = (message: string): Record<string | symbol, unknown> => ({ [LEVEL]: 'info', level: 'info', message, [MESSAGE]: message });

test('.log() (with no callback) should return true, and the record is still delivered', async () => {
  const dest = new CollectingDestination();
  const transport = new MeridianTransport({ destinations: [dest] });
  let result: unknown;
  assert.doesNotThrow(() => {
    result = (transport.log as (i: unknown) => unknown)(info('no callback'));
  });
  assert.equal(result, true);
  await transport.close();
  assert.deepEqual(
    dest.records().map((r) => [r.level, r.message]),
    [['info', 'no callback']],
  );
});

test('.log() (with a callback) calls it once and returns true', async () => {
  const dest = new CollectingDestination();
  const transport = new MeridianTransport({ destinations: [dest] });
  let calls = 0;
  const result = transport.log(info('with callback'), () => calls++);
  assert.equal(result, true);
  assert.equal(calls, 1);
  await transport.close();
  assert.deepEqual(
    dest.records().map((r) => r.message),
    ['with callback'],
  );
});

test(".log() without a callback still emits 'logged'", async () => {
  const transport = new MeridianTransport({ destinations: [new CollectingDestination()] });
  const seen: unknown[] = [];
  transport.on('logged', (i: { message?: unknown }) => seen.push(i.message));
  (transport.log as (i: unknown) => unknown)(info('observed'));
  assert.deepEqual(seen, ['observed']);
  await transport.close();
});
