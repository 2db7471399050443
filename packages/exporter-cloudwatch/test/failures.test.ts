import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type FakeCloudWatch, startFakeCloudWatch } from './helpers/fake-cloudwatch.js';
import { entry, envFor, rig } from './helpers/setup.js';

let server: FakeCloudWatch;
before(async () => {
  server = await startFakeCloudWatch();
});
beforeEach(() => {
  server.groups.clear();
  server.groups.set('/meridian/app', { retentionInDays: undefined, kmsKeyId: undefined, streams: new Map([[STREAM, []]]) });
  for (const k of Object.keys(server.calls)) delete server.calls[k];
  server.throttleNext = 0;
  server.failNext = 0;
  server.poison = undefined;
});
after(() => server.stop());

const STREAM = 'payments-eu-central-1-i-0abc123';
const stored = (): string[] => server.events('/meridian/app', STREAM).map((e) => JSON.parse(e.message).message as string);

test('a throttling storm loses nothing', async () => {
  const { transport } = rig(envFor(server), {}, { batchMaxRecords: 100, maxAttempts: 3 });
  server.throttleNext = 40; // far more than maxAttempts: throttling must not use attempts up
  const now = Date.now();
  for (let i = 0; i < 2000; i++) transport.write(entry(now + i, 'info', `m${i}`));
  await transport.flush({ timeoutMs: 30_000 });
  const stats = transport.getStats();
  await transport.close();
  assert.equal(server.throttleNext, 0, 'the storm happened');
  assert.equal(stats.droppedTotal, 0, JSON.stringify(stats.dropped));
  assert.equal(new Set(stored()).size, 2000);
  assert.equal(stored().length, 2000);
});

for (const status of [500, 503]) {
  test(`HTTP ${status} is retried`, async () => {
    const { transport } = rig(envFor(server));
    server.failStatus = status;
    server.failNext = 3;
    const now = Date.now();
    for (let i = 0; i < 10; i++) transport.write(entry(now + i, 'info', `m${i}`));
    await transport.flush({ timeoutMs: 10_000 });
    const stats = transport.getStats();
    await transport.close();
    assert.equal(server.failNext, 0);
    assert.ok(stats.retried >= 10, `retried ${stats.retried}`);
    assert.equal(stats.droppedTotal, 0);
    assert.deepEqual(
      stored(),
      Array.from({ length: 10 }, (_, i) => `m${i}`),
    );
    assert.equal(server.calls.PutLogEvents, 4, 'three failures, one success: the SDK itself did not retry');
  });
}

test('InvalidParameterException on a poison batch is a permanent drop, not retried', async () => {
  const { transport } = rig(envFor(server));
  server.poison = (m) => m.includes('POISON');
  const now = Date.now();
  transport.write(entry(now, 'info', 'POISON'));
  await transport.flush();
  transport.write(entry(now + 1, 'info', 'fine'));
  await transport.flush();
  const stats = transport.getStats();
  await transport.close();
  assert.equal(stats.dropped.permanent, 1);
  assert.equal(stats.retried, 0);
  assert.deepEqual(stored(), ['fine']);
  assert.equal(server.calls.PutLogEvents, 2);
});

test('events older than 14 days or over 2 h in the future are counted as dropped, the rest delivered', async () => {
  const { exporter, transport } = rig(envFor(server));
  const now = Date.now();
  transport.write(entry(now - 15 * 86_400_000, 'info', 'ancient'));
  transport.write(entry(now - 1000, 'info', 'current'));
  transport.write(entry(now + 3 * 3_600_000, 'info', 'future'));
  await transport.flush();
  const stats = transport.getStats();
  await transport.close();
  assert.deepEqual(stored(), ['current']);
  assert.equal(stats.dropped.permanent, 2);
  assert.equal(stats.sent, 1);
  assert.equal(stats.retried, 0);
  assert.equal(exporter.stats().tooOld, 1);
  assert.equal(exporter.stats().tooNew, 1);
});
