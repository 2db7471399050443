import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics } from '@meridian/config';
import { createRemoteDestination, type LogEntry } from '../src/index.js';
import { capture } from './helpers.js';

const entry = (n: number): LogEntry => ({ time: n, level: 'info', levelValue: 30, line: `{"n":${n}}` });


test('records written while the exporter package loads are delivered once it is ready; flush and close wait', async () => {
  const target = capture();
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const dest = createRemoteDestination('otlp', async (pkg) => {
    assert.equal(pkg, '@meridian/exporter-otlp');
    await gate;
    return { createOtlpLogTransport: () => ({ transport: target }) };
  });
  dest.write(entry(1));
  dest.write(entry(2));
  assert.equal(dest.stats().state, 'loading');
  const flushed = dest.flush();
  release();
  await flushed;
  assert.deepEqual(target.entries.map((e) => e.time), [1, 2]);
  assert.equal(target.flushes, 1);
  dest.write(entry(3));
  await dest.close();
  assert.deepEqual(target.entries.map((e) => e.time), [1, 2, 3]);
  assert.equal(target.closes, 1);
  assert.deepEqual(dest.stats(), { name: 'otlp', state: 'ready', dropped: 0 });
});

test('a missing exporter package is reported once, naming the package, and its records are counted as dropped', async () => {
  const d = collectDiagnostics();
  const dest = createRemoteDestination('cloudwatch', async () => { throw new Error("Cannot find package '@meridian/exporter-cloudwatch'"); });
  dest.write(entry(1));
  await dest.flush();
  dest.write(entry(2));
  d.stop();
  assert.equal(d.lines.length, 1);
  assert.match(d.lines[0]!, /MERIDIAN_ERR_EXPORTER_UNAVAILABLE: log exporter "cloudwatch" .* @meridian\/exporter-cloudwatch could not be loaded/);
  assert.match(d.lines[0]!, /accepted: install @meridian\/exporter-cloudwatch/);
  assert.deepEqual(dest.stats(), { name: 'cloudwatch', state: 'failed', dropped: 2 });
});

test('an exporter refused by a guard keeps the guard\'s code and message', async () => {
  const d = collectDiagnostics();
  const refusal = Object.assign(new Error('MERIDIAN_ERR_REGION_NOT_ALLOWED: cloudwatch: destination region us-east-1 is outside MERIDIAN_ALLOWED_REGIONS (eu-*); refusing to start'), { code: 'MERIDIAN_ERR_REGION_NOT_ALLOWED' });
  const dest = createRemoteDestination('cloudwatch', async () => ({ createCloudWatchDestination: () => { throw refusal; } }));
  dest.write(entry(1));
  await dest.close();
  d.stop();
  assert.equal(d.lines.length, 1);
  assert.match(d.lines[0]!, /^meridian: MERIDIAN_ERR_REGION_NOT_ALLOWED: log exporter "cloudwatch" did not start: cloudwatch: destination region us-east-1 is outside/);
  assert.equal(dest.stats().dropped, 1);
});

test('the real exporter packages resolve from the logger and expose the factories it calls', async () => {
  const otlp = await import('@meridian/exporter-otlp' as string) as Record<string, unknown>;
  assert.equal(typeof otlp['createOtlpLogTransport'], 'function');
  const cw = await import('@meridian/exporter-cloudwatch' as string) as Record<string, unknown>;
  assert.equal(typeof cw['createCloudWatchDestination'], 'function');
});
