import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { captureDiagnostics, ERR_INSECURE_ENDPOINT, ERR_REGION_NOT_ALLOWED, loadConfig, MeridianError } from '@meridian/config';
import { createCloudWatchExporter, ERR_CLOUDWATCH_CONFIG } from '../src/index.js';
import { type FakeCloudWatch, startFakeCloudWatch } from './helpers/fake-cloudwatch.js';
import { entry, envFor, rig } from './helpers/setup.js';

let server: FakeCloudWatch;
before(async () => {
  server = await startFakeCloudWatch();
});
after(() => server.stop());

function refusal(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof MeridianError, `a MeridianError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the factory to throw');
}

test('residency: us-east-1 is refused under MERIDIAN_ALLOWED_REGIONS=eu-*', () => {
  const config = loadConfig(envFor(server, { AWS_REGION: 'us-east-1', MERIDIAN_ALLOWED_REGIONS: 'eu-*' }));
  const err = refusal(() => createCloudWatchExporter({ config }));
  assert.equal(err.code, ERR_REGION_NOT_ALLOWED);
  assert.match(err.message, /us-east-1/);
});

test('residency: eu-central-1 is allowed under MERIDIAN_ALLOWED_REGIONS=eu-* and delivers', async () => {
  const { exporter, transport } = rig(envFor(server, { MERIDIAN_ALLOWED_REGIONS: 'eu-*' }));
  assert.equal(exporter.region, 'eu-central-1');
  transport.write(entry(Date.now(), 'info', 'in the EU'));
  await transport.close();
  assert.equal(server.events('/meridian/app', exporter.logStreamName).length, 1);
});

test('residency: an option region outside the allowed list is refused too (code does not bypass the guard)', () => {
  const config = loadConfig(envFor(server, { MERIDIAN_ALLOWED_REGIONS: 'eu-*,ap-east-1' }));
  assert.equal(refusal(() => createCloudWatchExporter({ config, region: 'ap-southeast-1' })).code, ERR_REGION_NOT_ALLOWED);
});

test('residency: an injected client in a refused region sends nothing; its records are dropped and counted', async () => {
  const client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1 });
  const before = server.calls.PutLogEvents ?? 0;
  // a `region` option cannot vouch for an injected client: the client's own region is checked
  const { exporter, transport } = rig(envFor(server, { MERIDIAN_ALLOWED_REGIONS: 'eu-*' }), { client, region: 'eu-west-1' });
  transport.write(entry(Date.now(), 'info', 'must stay home'));
  await transport.flush();
  const stats = transport.getStats();
  await transport.close();
  client.destroy();
  assert.equal(stats.dropped.permanent, 1);
  assert.match(stats.lastError?.message ?? '', /MERIDIAN_ERR_REGION_NOT_ALLOWED/);
  assert.equal(exporter.region, 'us-east-1');
  assert.equal(server.calls.PutLogEvents ?? 0, before);
});

test('residency: an injected client in an allowed region delivers', async () => {
  const client = new CloudWatchLogsClient({ region: 'eu-west-2', endpoint: server.url, maxAttempts: 1 });
  const { exporter, transport } = rig(envFor(server, { MERIDIAN_ALLOWED_REGIONS: 'eu-*' }), { client, logStream: 'injected' });
  transport.write(entry(Date.now(), 'info', 'via an injected client'));
  await transport.close();
  client.destroy();
  assert.equal(exporter.region, 'eu-west-2');
  assert.equal(server.events('/meridian/app', 'injected').length, 1);
});

test('an insecure non-loopback http endpoint is refused; https and loopback http are accepted', () => {
  const insecure = loadConfig(envFor(server, { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://logs.internal.example:4566' }));
  assert.equal(refusal(() => createCloudWatchExporter({ config: insecure })).code, ERR_INSECURE_ENDPOINT);
  const viaGeneric = loadConfig({ ...envFor(server), AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: undefined, AWS_ENDPOINT_URL: 'http://10.0.0.8:4566' });
  assert.equal(refusal(() => createCloudWatchExporter({ config: viaGeneric })).code, ERR_INSECURE_ENDPOINT);
  const secure = loadConfig(envFor(server, { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'https://logs.eu-central-1.amazonaws.com' }));
  void createCloudWatchExporter({ config: secure }).shutdown?.();
  void createCloudWatchExporter({ config: loadConfig(envFor(server)) }).shutdown?.();
});

test('no log group, a bad group name or a retention CloudWatch does not accept: the factory says what is accepted', () => {
  const config = loadConfig({ ...envFor(server), MERIDIAN_CLOUDWATCH_LOG_GROUP: undefined });
  const none = refusal(() => createCloudWatchExporter({ config }));
  assert.equal(none.code, ERR_CLOUDWATCH_CONFIG);
  assert.match(none.message, /MERIDIAN_CLOUDWATCH_LOG_GROUP/);
  assert.match(refusal(() => createCloudWatchExporter({ config, logGroup: 'bad:name' })).message, /a-z A-Z 0-9/);
  assert.match(refusal(() => createCloudWatchExporter({ config, logGroup: '/ok', retentionDays: 2 })).message, /1, 3, 5, 7, 14, 30/);
});

test('config: bad retention and malformed routes are reported and skipped', () => {
  const { value: c, lines } = captureDiagnostics(
    () =>
      loadConfig({
        MERIDIAN_CLOUDWATCH_RETENTION_DAYS: '2',
        MERIDIAN_CLOUDWATCH_ROUTES: 'error,fatal=/app/errors:365;verbose=/x;debug=/app/debug:4;warn',
      }).cloudwatch,
  );
  assert.equal(c.retentionDays, undefined);
  assert.deepEqual(c.routes, [
    { levels: ['error', 'fatal'], logGroup: '/app/errors', retentionDays: 365 },
    { levels: ['debug'], logGroup: '/app/debug', retentionDays: undefined },
  ]);
  assert.ok(
    lines.some((l) => l.includes('MERIDIAN_CLOUDWATCH_RETENTION_DAYS="2" is not a CloudWatch retention; accepted: 1, 3, 5')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.includes('unknown level "verbose"')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.includes('MERIDIAN_CLOUDWATCH_ROUTES (route /app/debug)="4"')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.includes('route "warn" is not levels=logGroup')),
    lines.join('\n'),
  );
});
