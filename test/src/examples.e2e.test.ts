// The examples users copy run as documented: each started with `--import @meridian/node/register` and
// environment variables only, against loopback stand-ins for the services they ship to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, JsonLinesServer, startFakeCloudWatch } from '@meridian/testing';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

function start(example: string, env: Record<string, string>): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', '@meridian/node/register', 'dist/server.js'], {
    cwd: examples + example,
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return { child, output: () => ({ stdout, stderr }) };
}

async function waitFor(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

for (const [example, path, init] of [
  ['express', '/orders/A-1', {}],
  ['fastify', '/charges', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 12 }) }],
] as const) {
  test(`examples/${example}: serves, propagates and logs trace-tagged access lines`, { timeout: 30_000 }, async () => {
    const port = await freePort();
    const { child, output } = start(example, { PORT: String(port), OTEL_SERVICE_NAME: `example-${example}` });
    try {
      await waitFor(() => output().stdout.includes('"listening"'), `${example} to listen\n${output().stderr}`);
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        ...init,
        headers: { ...('headers' in init ? init.headers : {}), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('server-timing') ?? '', /^trace;desc=00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[13]$/);
      await waitFor(() => lines(output().stdout).some((l) => l['status'] === 200), 'the access line');
      const access = lines(output().stdout).find((l) => l['status'] === 200)!;
      assert.equal(access['trace_id'], '4bf92f3577b34da6a3ce929d0e0e4736', "continues the caller's trace");
      assert.equal(access['service'], `example-${example}`);
      assert.match(String(access['timestamp']), /Z$/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
}

test(
  'examples/cloudwatch: ships to a CloudWatch Logs endpoint given by AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, redacted, all delivered before exit',
  { timeout: 30_000 },
  async () => {
    const cw = await startFakeCloudWatch();
    try {
      const { child, output } = start('cloudwatch', {
        MERIDIAN_LOG_EXPORTERS: 'cloudwatch',
        MERIDIAN_CLOUDWATCH_LOG_GROUP: '/shop/orders',
        OTEL_SERVICE_NAME: 'orders',
        AWS_REGION: 'eu-central-1',
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cw.url,
        MERIDIAN_ALLOWED_REGIONS: 'eu-*',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
        AWS_SECRET_ACCESS_KEY: 'test-secret',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      const [code] = (await once(child, 'exit')) as [number];
      assert.equal(code, 0, output().stderr);
      const group = cw.groups.get('/shop/orders');
      assert.ok(group, `the group was created; stderr: ${output().stderr}`);
      const [stream] = [...group.streams.keys()];
      assert.match(stream!, /^orders-eu-central-1-/, 'stream {service}-{region}-{instance}');
      const events = cw.events('/shop/orders', stream!).map((e) => JSON.parse(e.message) as Record<string, unknown>);
      assert.equal(events.length, 6);
      assert.equal(events.filter((e) => JSON.stringify(e).includes('@example.com')).length, 0, 'e-mails masked');
      assert.equal(events.filter((e) => e['level'] === 'error').length, 1, 'the error record arrived (sent at once, in its own lane)');
      assert.equal(cw.invalidRequests, 0);
    } finally {
      await cw.stop();
    }
  },
);

test('examples/elk: ships ECS documents to a Logstash json_lines input given by MERIDIAN_LOGSTASH_URL', { timeout: 30_000 }, async () => {
  const logstash = await new JsonLinesServer().start();
  try {
    const { child, output } = start('elk', { MERIDIAN_LOG_EXPORTERS: 'logstash', MERIDIAN_LOGSTASH_URL: logstash.url, OTEL_SERVICE_NAME: 'accounts' });
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 0, output().stderr);
    const docs = logstash.lines.map((l) => l.doc);
    assert.equal(docs.length, 2);
    for (const d of docs) {
      assert.equal(typeof d['@timestamp'], 'string');
      assert.match(String(d['@timestamp']), /Z$/);
      assert.ok(d['ecs.version'] ?? (d['ecs'] as Record<string, unknown> | undefined)?.['version'], 'ECS version present');
    }
    const all = JSON.stringify(docs);
    assert.equal(all.includes('203.0.113.7'), false, 'IP address masked');
    assert.equal(all.includes('reset-5f1c9a'), false, 'token masked by key');
  } finally {
    await logstash.stop();
  }
});
