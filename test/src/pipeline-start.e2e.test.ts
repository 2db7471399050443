// End-to-end (issue 11): the pipeline exists from the first record. A service logging in one
// synchronous burst at start, or exiting 0 ms after logging, loses nothing with a spool, and without
// one the exact drop count is on stderr. Real child processes, CloudWatch Logs protocol fake on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectOutput, FakeCloudWatch } from '@meridian/testing';

const app = fileURLToPath(new URL('../fixtures/start-burst.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const GROUP = '/meridian/start';

const fake = new FakeCloudWatch();
const scratch = mkdtempSync(join(tmpdir(), 'meridian-start-'));
before(() => fake.start());
after(async () => {
  await fake.stop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function run(env: Record<string, string>, register: boolean): Promise<Run> {
  const args = register ? ['--import', '@meridian/node/register', app] : [app];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'eu-central-1',
      MERIDIAN_LOG_EXPORTERS: 'cloudwatch',
      MERIDIAN_CLOUDWATCH_LOG_GROUP: GROUP,
      MERIDIAN_CLOUDWATCH_LOG_STREAM: 'start',
      OTEL_SERVICE_NAME: 'start-burst',
      OTEL_TRACES_EXPORTER: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const out = collectOutput(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout: out.stdout, stderr: out.stderr };
}

/** The `i` of every stored event, sorted, and how many distinct ones. */
function stored(): { ids: number[]; distinct: number } {
  const ids = fake
    .events(GROUP, 'start')
    .map((e) => (JSON.parse(e.message) as { i: number }).i)
    .sort((a, b) => a - b);
  return { ids, distinct: new Set(ids).size };
}

function resetFake(): void {
  fake.groups.clear();
}

for (const entry of ['register', 'import'] as const) {
  test(
    `20,000 records in one synchronous burst at start all reach CloudWatch, default limits (${entry === 'register' ? '--import @meridian/node/register' : "import '@meridian/exporter-cloudwatch' + createLogger()"})`,
    { timeout: 120_000 },
    async () => {
      resetFake();
      const r = await run({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: fake.url, ENTRY: entry, RECORDS: '20000', EXIT: 'close' }, entry === 'register');
      assert.equal(r.code, 0, r.stderr);
      const { ids, distinct } = stored();
      assert.equal(ids.length, 20_000, `stored ${ids.length}; stderr: ${r.stderr}`);
      assert.equal(distinct, 20_000);
      assert.equal(ids[0], 0);
      assert.equal(ids[19_999], 19_999);
      assert.doesNotMatch(r.stderr, /MERIDIAN_ERR_/, 'no drop, no missing exporter');
      assert.equal(fake.invalidRequests, 0);
    },
  );
}

test(
  'process.exit(0) right after logging 5,000 records with a spool and CloudWatch down: all 5,000 are delivered by the next start',
  { timeout: 120_000 },
  async () => {
    resetFake();
    const spool = mkdtempSync(join(scratch, 'spool-'));
    // a port nothing listens on: the endpoint is down
    const down = await run(
      { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://127.0.0.1:9', MERIDIAN_SPOOL_DIR: spool, ENTRY: 'register', RECORDS: '5000', EXIT: 'now' },
      true,
    );
    assert.equal(down.code, 0, down.stderr);
    assert.doesNotMatch(down.stderr, /MERIDIAN_ERR_RECORDS_DROPPED/, 'nothing was dropped: it went to the spool');
    assert.ok(
      readdirSync(spool).some((f) => f.startsWith('cloudwatch.') && f.endsWith('.spool')),
      `a spool file was written: ${readdirSync(spool).join(', ')}`,
    );
    assert.equal(stored().ids.length, 0);

    const next = await run({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: fake.url, MERIDIAN_SPOOL_DIR: spool, ENTRY: 'register', RECORDS: '0', EXIT: 'close' }, true);
    assert.equal(next.code, 0, next.stderr);
    const { ids, distinct } = stored();
    assert.equal(distinct, 5000, `distinct records delivered after restart: ${distinct}; stderr: ${next.stderr}`);
    assert.equal(ids[0], 0);
    assert.equal(ids.at(-1), 4999);
    assert.deepEqual(
      readdirSync(spool).filter((f) => f.endsWith('.replay')),
      [],
      'replayed spool files are removed once acknowledged',
    );
  },
);

test('the same without a spool: the exact drop count is reported once on stderr at exit', { timeout: 60_000 }, async () => {
  const r = await run({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://127.0.0.1:9', ENTRY: 'register', RECORDS: '5000', EXIT: 'now' }, true);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.includes('MERIDIAN_ERR_RECORDS_DROPPED'));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /exporter "cloudwatch" lost 5000 records in this process, counted by reason \(exit: 5000\), reported at exit/);
});

test(
  'an exporter selected but never imported is named on stderr with the import to add; its records wait in the bounded queue',
  { timeout: 60_000 },
  async () => {
    const r = await run({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: fake.url, ENTRY: 'plain', RECORDS: '3', EXIT: 'now' }, false);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /MERIDIAN_ERR_EXPORTER_UNAVAILABLE: exporter "cloudwatch" is selected but not available: .*import '@meridian\/exporter-cloudwatch'.*--import @meridian\/node\/register/,
    );
    assert.match(r.stderr, /MERIDIAN_ERR_RECORDS_DROPPED: exporter "cloudwatch" lost 3 records .*\(exit: 3\)/);
  },
);
