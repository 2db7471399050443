import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRequestScope, withRequestContext } from '@meridian/context';
import { createLogger } from '../src/index.js';
import { capture } from './helpers.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('debug buffer: a failed request writes its held debug lines before the error; a good one writes none', async () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'info', debugBuffer: true, redaction: false });
  const good = withRequestContext({ request_id: 'good' }, async () => {
    log.debug('good: cache miss');
    await tick(5);
    log.info('good: done');
    return getRequestScope()!;
  });
  const bad = withRequestContext({ request_id: 'bad' }, async () => {
    log.trace('bad: entering');
    await tick(2);
    log.debug('bad: calling payments', { attempt: 1 });
    await tick(5);
    log.error('bad: payment failed');
    log.debug('bad: after the error is held again');
  });
  const [goodScope] = await Promise.all([good, bad]);
  log.debug('outside any request: discarded by the level');

  const rows = dest.records().map((r) => `${r.request_id}|${r.level}|${r.message}`);
  assert.deepEqual(
    rows.filter((r) => r.startsWith('bad')),
    ['bad|trace|bad: entering', 'bad|debug|bad: calling payments', 'bad|error|bad: payment failed'],
  );
  assert.deepEqual(
    rows.filter((r) => r.startsWith('good')),
    ['good|info|good: done'],
  );
  assert.equal(
    rows.some((r) => r.includes('outside')),
    false,
  );
  const held = dest.records().find((r) => r.message === 'bad: calling payments')!;
  assert.equal(held.attempt, 1);
  assert.ok(
    Date.parse(String(held.timestamp)) <= Date.parse(String(dest.records().find((r) => r.level === 'error')!.timestamp)),
    'held lines keep their own, earlier timestamps',
  );

  const before = log.stats();
  assert.equal(before.debugFlushed, 2);
  log.endRequest(goodScope);
  assert.equal(log.stats().debugDiscarded, before.debugDiscarded + 1, "the good request's debug line is discarded and counted");
  assert.equal(log.isLevelEnabled('debug'), false, 'the level is unchanged: debug is held, not enabled');
});

test("debug buffer: 200 concurrent requests never see each other's held lines; the cap drops the oldest, counted", async () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'info', debugBuffer: { max: 3 }, redaction: false });
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      withRequestContext({ request_id: `r${i}` }, async () => {
        for (let k = 0; k < 5; k++) {
          log.debug(`r${i} step ${k}`);
          await tick((i * 3 + k) % 4);
        }
        if (i % 2 === 0) log.error(`r${i} failed`);
      }),
    ),
  );
  const byRequest = new Map<string, string[]>();
  for (const r of dest.records()) {
    const list = byRequest.get(String(r.request_id)) ?? [];
    list.push(String(r.message));
    byRequest.set(String(r.request_id), list);
  }
  assert.equal(byRequest.size, 100, 'only failed requests wrote anything');
  for (const [id, messages] of byRequest) {
    assert.deepEqual(messages, [`${id} step 2`, `${id} step 3`, `${id} step 4`, `${id} failed`]);
  }
  assert.equal(log.stats().debugOverflow, 200 * 2);
});

test('debug buffer off (default): levels below the threshold build nothing', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'info', debugBuffer: false });
  let touched = false;
  const fields = {
    get x() {
      touched = true;
      return 1;
    },
  };
  withRequestContext({ request_id: 'x' }, () => {
    log.debug('never', fields);
    log.error('boom');
  });
  assert.equal(touched, false);
  assert.deepEqual(
    dest.records().map((r) => r.message),
    ['boom'],
  );
});
