// A zone far from UTC, set before any Date is formatted: timestamps must still be UTC.
process.env.TZ = 'Asia/Hong_Kong';

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { captureDiagnostics, loadConfig } from '@meridian/config';
import { RESERVED_KEYS, createLogger, isLevel, levelValues } from '../src/index.js';
import { FIXED_ISO, capture, fixedNow, topLevelKeys } from './helpers.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

test('the test process really runs in Asia/Hong_Kong (UTC+8)', () => {
  assert.equal(new Date(0).getHours(), 8);
});

test('timestamp is UTC ISO 8601 with milliseconds and Z under TZ=Asia/Hong_Kong', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], timeNow: fixedNow, service: 'svc' });
  log.info('hello');
  const rec = dest.records()[0];
  assert.equal(rec.timestamp, FIXED_ISO);
  const real = capture();
  createLogger({ destinations: [real] }).info('now');
  const ts = real.records()[0].timestamp as string;
  assert.match(ts, ISO_UTC);
  assert.ok(Math.abs(Date.parse(ts) - Date.now()) < 5000);
});

test('a child process started with TZ=Asia/Hong_Kong writes UTC timestamps to stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-tz-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'tz.mjs');
  const index = pathToFileURL(join(import.meta.dirname, '../src/index.js')).href;
  writeFileSync(
    script,
    `
    import { createLogger } from ${JSON.stringify(index)};
    const log = createLogger({ service: 'tz', timeNow: () => Date.UTC(2026, 10, 21, 23, 59, 59, 7) });
    log.info('local hour ' + new Date(Date.UTC(2026, 10, 21, 23)).getHours());
    await log.close();
  `,
  );
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, TZ: 'Asia/Hong_Kong', MERIDIAN_LOG_EXPORTERS: 'console', MERIDIAN_LOG_FORMAT: 'json' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]) as Record<string, unknown>;
  assert.equal(rec.message, 'local hour 7', 'the child really had a +8 zone');
  assert.equal(rec.timestamp, '2026-11-21T23:59:59.007Z');
  assert.equal(rec.service, 'tz');
});

test('record has timestamp, level, message, service first, then fields, as one JSON line', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], service: 'checkout', timeNow: fixedNow });
  log.warn('paid', { order: 7, ok: true });
  const line = dest.lines()[0];
  assert.deepEqual(topLevelKeys(line), ['timestamp', 'level', 'message', 'service', 'order', 'ok']);
  assert.deepEqual(JSON.parse(line), { timestamp: FIXED_ISO, level: 'warn', message: 'paid', service: 'checkout', order: 7, ok: true });
  assert.ok(!line.includes('\n'));
  const e = dest.entries[0];
  assert.equal(e.level, 'warn');
  assert.equal(e.levelValue, 40);
  assert.equal(e.time, fixedNow());
});

test('every level writes its name and value', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'trace' });
  log.trace('t');
  log.debug('d');
  log.info('i');
  log.warn('w');
  log.error('e');
  log.fatal('f');
  assert.deepEqual(
    dest.records().map((r) => r.level),
    ['trace', 'debug', 'info', 'warn', 'error', 'fatal'],
  );
  assert.deepEqual(
    dest.entries.map((e) => e.levelValue),
    [10, 20, 30, 40, 50, 60],
  );
  assert.equal(levelValues.fatal, 60);
  assert.ok(isLevel('warn'));
  assert.ok(!isLevel('loud'));
});

test('service defaults to the configured service name (OTEL_SERVICE_NAME)', () => {
  const config = loadConfig({ OTEL_SERVICE_NAME: 'from-env' });
  const dest = capture();
  createLogger({ config, destinations: [dest] }).info('x');
  assert.equal(dest.records()[0].service, 'from-env');
  const coded = capture();
  createLogger({ config, destinations: [coded], service: 'from-code' }).info('x');
  assert.equal(coded.records()[0].service, 'from-code');
});

test('level defaults to MERIDIAN_LOG_LEVEL; the level option wins', () => {
  const config = loadConfig({ MERIDIAN_LOG_LEVEL: 'warn' });
  const dest = capture();
  const fromEnv = createLogger({ config, destinations: [dest] });
  fromEnv.info('dropped');
  fromEnv.warn('kept');
  assert.deepEqual(
    dest.records().map((r) => r.message),
    ['kept'],
  );
  const coded = capture();
  createLogger({ config, destinations: [coded], level: 'debug' }).debug('kept too');
  assert.equal(coded.records().length, 1);
});

test('an invalid option prints one MERIDIAN_ERR_CONFIG_INVALID diagnostic and uses the default', () => {
  const dest = capture();
  const { lines: seen } = captureDiagnostics(() => {
    const log = createLogger({ destinations: [dest], level: 'loud' as never, maxDepth: -3 });
    log.info('info is the default level');
    log.debug('not written');
  });
  assert.equal(dest.records().length, 1);
  assert.equal(seen.length, 2);
  assert.match(seen[0], /^meridian: MERIDIAN_ERR_CONFIG_INVALID: createLogger option level="loud" is not valid; accepted: trace \| debug/);
  assert.match(seen[1], /option maxDepth=number is not valid; accepted: a whole number from 1 to 100/);
});

test('caller keys that collide with reserved keys get one more leading underscore; no duplicate keys', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], service: 'real', timeNow: fixedNow });
  const fields: Record<string, unknown> = {};
  for (const k of RESERVED_KEYS) fields[k] = 'forged';
  fields._level = 'underscored';
  fields.__level = 'twice';
  fields.levels = 'not reserved';
  log.child({ message: 'from binding' }).info('real message', fields);
  const line = dest.lines()[0];
  const keys = topLevelKeys(line);
  assert.equal(new Set(keys).size, keys.length, `duplicate keys in ${line}`);
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.equal(rec.timestamp, FIXED_ISO);
  assert.equal(rec.level, 'info');
  assert.equal(rec.message, 'real message');
  assert.equal(rec.service, 'real');
  assert.equal(rec.trace_id, undefined);
  assert.equal(rec._trace_id, 'forged');
  assert.equal(rec._message, 'forged');
  assert.equal(rec._timestamp, 'forged');
  assert.equal(rec.__level, 'underscored');
  assert.equal(rec.___level, 'twice');
  assert.equal(rec.levels, 'not reserved');
  // the binding's `message` and the call's `message` both become `_message`: the call's wins, once
  assert.equal(keys.filter((k) => k === '_message').length, 1);
});

test('bindings come before call fields; a call field replaces a binding of the same name', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], bindings: { app: 'a', shared: 'root' } }).child({ req: 'r', shared: 'child' });
  log.info('m', { call: 1 });
  log.info('m', { call: 2, shared: 'call' });
  assert.deepEqual(topLevelKeys(dest.lines()[0]), ['timestamp', 'level', 'message', 'service', 'app', 'req', 'shared', 'call']);
  assert.equal(dest.records()[0].shared, 'child');
  assert.deepEqual(topLevelKeys(dest.lines()[1]), ['timestamp', 'level', 'message', 'service', 'app', 'req', 'call', 'shared']);
  assert.equal(dest.records()[1].shared, 'call');
});
