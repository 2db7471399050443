import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig, type MeridianConfig } from '@meridian/config';
import { closeWinston, createWinstonLogger } from '../src/index.js';
import { CARD, CollectingDestination, clean } from './helpers.js';

/** The environment a test means, injected as a resolved configuration (no process.env edits). */
async function withEnv<T>(vars: Record<string, string>, fn: (config: MeridianConfig) => Promise<T>): Promise<T> {
  return fn(loadConfig(vars));
}

test('honours MERIDIAN_LOG_LEVEL (warn: info and below are not written)', async () => {
  await withEnv({ MERIDIAN_LOG_LEVEL: 'warn' }, async (config) => {
    const dest = new CollectingDestination();
    const logger = createWinstonLogger({ config, destinations: [dest], service: 'svc' });
    assert.equal(logger.level, 'warn');
    logger.info('dropped');
    logger.warn('kept %s', 'warning', { card: CARD });
    logger.error('kept too');
    await closeWinston(logger);
    const recs = dest.records();
    assert.deepEqual(
      recs.map((r) => [r.level, r.message]),
      [
        ['warn', 'kept warning'],
        ['error', 'kept too'],
      ],
    );
    assert.equal(recs[0].service, 'svc');
    assert.match(String(recs[0].card), /^\[REDACTED/, 'masked (by key, as createLogger() does)');
    assert.ok(dest.lines.every(clean));
  });
});

test('MERIDIAN_LOG_LEVEL=trace lets silly through as trace; silent writes nothing', async () => {
  await withEnv({ MERIDIAN_LOG_LEVEL: 'trace' }, async (config) => {
    const dest = new CollectingDestination();
    const logger = createWinstonLogger({ config, destinations: [dest] });
    assert.equal(logger.level, 'silly');
    logger.silly('deep');
    await closeWinston(logger);
    assert.deepEqual(
      dest.records().map((r) => [r.level, r.winston_level]),
      [['trace', 'silly']],
    );
  });
  await withEnv({ MERIDIAN_LOG_LEVEL: 'silent' }, async (config) => {
    const dest = new CollectingDestination();
    const logger = createWinstonLogger({ config, destinations: [dest] });
    logger.error('nothing');
    await closeWinston(logger);
    assert.equal(dest.lines.length, 0);
  });
});

test('the level option wins over the environment', async () => {
  await withEnv({ MERIDIAN_LOG_LEVEL: 'error' }, async (config) => {
    const dest = new CollectingDestination();
    const logger = createWinstonLogger({ config, destinations: [dest], level: 'debug' });
    logger.debug('shown');
    await closeWinston(logger);
    assert.equal(dest.records()[0].level, 'debug');
  });
});

test('with no destinations given, writes JSON lines to stdout like createLogger() (child process)', () => {
  const index = new URL('../src/index.js', import.meta.url).href;
  const script = `import { createWinstonLogger, closeWinston } from ${JSON.stringify(index)};
const log = createWinstonLogger();
log.info('hello %s', 'world', { orderId: 7 });
log.debug('hidden');
await closeWinston(log);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, OTEL_SERVICE_NAME: 'from-env', MERIDIAN_LOG_LEVEL: 'info', TZ: 'Asia/Hong_Kong' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  const rec = JSON.parse(lines[0]) as Record<string, unknown>;
  assert.equal(rec.message, 'hello world');
  assert.equal(rec.service, 'from-env');
  assert.equal(rec.orderId, 7);
  assert.match(rec.timestamp as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});
