import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createCloudWatchDestination } from '../src/index.js';
import { type FakeCloudWatch, startFakeCloudWatch } from './helpers/fake-cloudwatch.js';
import { entry, envFor, rig } from './helpers/setup.js';
import { loadConfig } from '@meridian/config';

let server: FakeCloudWatch;
before(async () => {
  server = await startFakeCloudWatch();
});
beforeEach(() => {
  server.groups.clear();
  for (const k of Object.keys(server.calls)) delete server.calls[k];
});
after(() => server.stop());

const STREAM = 'payments-eu-central-1-i-0abc123';

test('a missing group and stream are created on the first put, with retention and KMS key; later puts create nothing', async () => {
  const kms = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const { exporter, transport } = rig(envFor(server, { MERIDIAN_CLOUDWATCH_RETENTION_DAYS: '30', MERIDIAN_CLOUDWATCH_KMS_KEY_ID: kms }));
  const now = Date.now();
  transport.write(entry(now, 'info', 'first'));
  await transport.flush();
  transport.write(entry(now + 1, 'info', 'second'));
  await transport.flush();
  await transport.close();
  const g = server.groups.get('/meridian/app');
  assert.ok(g, 'group created');
  assert.equal(g.retentionInDays, 30);
  assert.equal(g.kmsKeyId, kms);
  assert.deepEqual(
    server.events('/meridian/app', STREAM).map((e) => JSON.parse(e.message).message),
    ['first', 'second'],
  );
  assert.equal(server.calls.CreateLogGroup, 1);
  assert.equal(server.calls.PutRetentionPolicy, 1);
  assert.equal(server.calls.PutLogEvents, 3, 'one failed put, its resend, then one put for the second batch');
  assert.equal(server.calls.DescribeLogStreams, undefined, 'never describes streams');
  assert.deepEqual({ g: exporter.stats().groupsCreated, s: exporter.stats().streamsCreated }, { g: 1, s: 1 });
});

test('an existing group keeps its retention: only the stream is created', async () => {
  server.groups.set('/meridian/app', { retentionInDays: 7, kmsKeyId: undefined, streams: new Map() });
  const { transport } = rig(envFor(server, { MERIDIAN_CLOUDWATCH_RETENTION_DAYS: '365' }));
  transport.write(entry(Date.now(), 'info', 'hello'));
  await transport.close();
  assert.equal(server.groups.get('/meridian/app')!.retentionInDays, 7);
  assert.equal(server.calls.CreateLogGroup, undefined);
  assert.equal(server.calls.PutRetentionPolicy, undefined);
  assert.equal(server.events('/meridian/app', STREAM).length, 1);
});

test('routes send levels to their groups, created with their retention; other levels go to the default group', async () => {
  const { transport } = rig(envFor(server, { MERIDIAN_CLOUDWATCH_ROUTES: 'error,fatal=/app/errors:365; debug,trace=/app/debug:3' }));
  const now = Date.now();
  const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
  levels.forEach((l, i) => transport.write(entry(now + i, l, `a ${l} record`)));
  await transport.close();
  const levelsIn = (group: string): string[] => server.events(group, STREAM).map((e) => JSON.parse(e.message).level as string);
  assert.deepEqual(levelsIn('/app/errors'), ['error', 'fatal']);
  assert.deepEqual(levelsIn('/app/debug'), ['trace', 'debug']);
  assert.deepEqual(levelsIn('/meridian/app'), ['info', 'warn']);
  assert.equal(server.groups.get('/app/errors')!.retentionInDays, 365);
  assert.equal(server.groups.get('/app/debug')!.retentionInDays, 3);
  assert.equal(server.groups.get('/meridian/app')!.retentionInDays, undefined);
});

test("the stream name template is expanded and sanitised to CloudWatch's characters", async () => {
  const env = envFor(server, {
    MERIDIAN_CLOUDWATCH_LOG_STREAM: '{service}/{region}/{instance}/{pid}',
    OTEL_SERVICE_NAME: 'checkout:api*v2',
    OTEL_RESOURCE_ATTRIBUTES: 'host.id=i-0feed',
  });
  const { exporter, transport } = rig(env);
  const expected = `checkout_api_v2/eu-central-1/i-0feed/${process.pid}`;
  assert.equal(exporter.logStreamName, expected);
  transport.write(entry(Date.now(), 'info', 'named'));
  await transport.close();
  assert.equal(server.events('/meridian/app', expected).length, 1, 'the record is in the stream of that name');
});

test('createCloudWatchDestination: options in code win over the environment', async () => {
  const config = loadConfig(envFor(server, { MERIDIAN_CLOUDWATCH_LOG_GROUP: '/from/env' }));
  const dest = createCloudWatchDestination({
    config,
    logGroup: '/from/code',
    logStream: 'fixed',
    transport: { config, batchDelayMs: 10 },
  });
  assert.equal(dest.options.gzip, false, 'no transport compression: the SDK sends its own JSON');
  dest.write(entry(Date.now(), 'info', 'code wins'));
  await dest.close();
  assert.equal(server.events('/from/code', 'fixed').length, 1);
  assert.equal(server.groups.has('/from/env'), false);
});
