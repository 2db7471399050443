// Rotation must follow UTC boundaries whatever the local zone (Hong Kong midnight is 16:00 UTC).
process.env.TZ = 'Asia/Hong_Kong';

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createFileDestination, createLogger, type FileDestinationOptions } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'meridian-file-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A logger + file destination on a fake clock. */
function setup(opts: Partial<FileDestinationOptions> = {}, start = Date.UTC(2026, 10, 21, 5, 59, 59, 900)) {
  const dir = join(root, `case-${n++}`, 'nested', 'logs');
  const path = join(dir, 'app.log');
  const clock = { now: start };
  const dest = createFileDestination({ path, keep: 10, compress: false, now: () => clock.now, ...opts });
  const log = createLogger({ destinations: [dest], timeNow: () => clock.now, service: 'svc' });
  const files = (): string[] => readdirSync(dir).sort();
  const messages = (name: string): string[] =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { message: string }).message);
  return { dir, path, clock, dest, log, files, messages };
}

test('appends buffered lines, creating the directory; flush() means the bytes are in the file', async () => {
  const { log, dest, files, messages } = setup();
  log.info('one');
  log.info('two');
  await log.flush();
  assert.deepEqual(files(), ['app.log']);
  assert.deepEqual(messages('app.log'), ['one', 'two']);
  assert.deepEqual(dest.stats(), { written: 2, dropped: 0, errors: 0, rotations: 0, compressed: 0 });
  await log.close();
  await log.close();
});

test('hourly rotation at UTC hour boundaries, by record time, named app.YYYY-MM-DDTHH.log', async () => {
  const { log, clock, files, messages } = setup({ rotate: { interval: 'hourly' } });
  log.info('05:59:59.900');
  clock.now = Date.UTC(2026, 10, 21, 6, 0, 0, 100);
  log.info('06:00:00.100'); // same buffer, different hour: still split correctly
  await log.flush();
  clock.now = Date.UTC(2026, 10, 21, 7, 30);
  log.info('07:30');
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-21T05.log', 'app.2026-11-21T06.log', 'app.log']);
  assert.deepEqual(messages('app.2026-11-21T05.log'), ['05:59:59.900']);
  assert.deepEqual(messages('app.2026-11-21T06.log'), ['06:00:00.100']);
  assert.deepEqual(messages('app.log'), ['07:30']);
});

test('daily rotation at UTC midnight, not local midnight', async () => {
  const { log, clock, files, messages } = setup({ rotate: { interval: 'daily' } }, Date.UTC(2026, 10, 21, 15, 59));
  log.info('15:59 UTC');
  clock.now = Date.UTC(2026, 10, 21, 16, 1); // local (UTC+8) midnight has passed: no rotation
  log.info('16:01 UTC');
  clock.now = Date.UTC(2026, 10, 22, 0, 0, 0, 1);
  log.info('next UTC day');
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-21.log', 'app.log']);
  assert.deepEqual(messages('app.2026-11-21.log'), ['15:59 UTC', '16:01 UTC']);
  assert.deepEqual(messages('app.log'), ['next UTC day']);
});

test('size rotation: whole lines, never over maxBytes, .1 .2 within a period, nothing lost', async () => {
  const { log, dir, dest, files } = setup({ rotate: { interval: 'hourly', maxBytes: 1000 } }, Date.UTC(2026, 10, 21, 5, 10));
  for (let i = 0; i < 35; i++) log.info(`record ${String(i).padStart(2, '0')}`, { pad: 'x'.repeat(40) });
  await log.close();
  const rotations = dest.stats().rotations;
  assert.ok(rotations >= 3, `${rotations} rotations`);
  const order = ['app.2026-11-21T05.log'];
  for (let k = 1; k < rotations; k++) order.push(`app.2026-11-21T05.${k}.log`);
  order.push('app.log');
  assert.deepEqual(files(), [...order].sort());
  const all: string[] = [];
  const texts = order.map((f) => readFileSync(join(dir, f), 'utf8'));
  texts.forEach((text, k) => {
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes <= 1000, `${order[k]} has ${bytes} bytes`);
    assert.ok(text.endsWith('\n'));
    const lines = text.split('\n').filter(Boolean);
    if (k < texts.length - 1) {
      // rotated only when the next line would not fit
      const next = texts[k + 1].split('\n')[0];
      assert.ok(bytes + Buffer.byteLength(next) + 1 > 1000, `${order[k]} rotated early`);
    }
    for (const l of lines) all.push((JSON.parse(l) as { message: string }).message);
  });
  assert.deepEqual(
    all,
    Array.from({ length: 35 }, (_, i) => `record ${String(i).padStart(2, '0')}`),
  );
  assert.equal(dest.stats().written, 35);
});

test('size-only rotation is named with the UTC day of the rotation', async () => {
  const { log, files } = setup({ rotate: { maxBytes: 300 } }, Date.UTC(2026, 10, 21, 23, 0));
  for (let i = 0; i < 4; i++) log.info('r', { pad: 'y'.repeat(100) });
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-21.1.log', 'app.2026-11-21.2.log', 'app.2026-11-21.log', 'app.log']);
});

test('retention keeps only the newest `keep` rotated files', async () => {
  const { log, clock, files } = setup({ rotate: { interval: 'hourly' }, keep: 2 }, Date.UTC(2026, 10, 21, 1, 0));
  for (let h = 1; h <= 6; h++) {
    clock.now = Date.UTC(2026, 10, 21, h, 0);
    log.info(`hour ${h}`);
    await log.flush();
  }
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-21T04.log', 'app.2026-11-21T05.log', 'app.log']);
});

test('rotated files are gzipped in the background; close() waits; retention counts .gz files', async () => {
  const { log, clock, dir, dest, files } = setup({ rotate: { interval: 'hourly' }, compress: true, keep: 2 }, Date.UTC(2026, 10, 21, 5, 0));
  for (let h = 5; h <= 8; h++) {
    clock.now = Date.UTC(2026, 10, 21, h, 15);
    for (let i = 0; i < 100; i++) log.info(`h${h} #${i}`);
    await log.flush();
  }
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-21T06.log.gz', 'app.2026-11-21T07.log.gz', 'app.log']);
  const lines = gunzipSync(readFileSync(join(dir, 'app.2026-11-21T07.log.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  assert.equal(lines.length, 100);
  assert.equal((JSON.parse(lines[0]) as { message: string }).message, 'h7 #0');
  assert.equal((JSON.parse(lines[99]) as { timestamp: string }).timestamp, '2026-11-21T07:15:00.000Z');
  assert.equal(dest.stats().compressed, 3);
  assert.equal(dest.stats().errors, 0);
});

test('the file is reopened when it was removed', async () => {
  const { log, path, messages } = setup();
  log.info('before');
  await log.flush();
  unlinkSync(path);
  log.info('after');
  await log.flush();
  assert.deepEqual(messages('app.log'), ['after']);
  await log.close();
});

test('an existing file from an older period is rotated under its own period first', async () => {
  const { log, path, dest, files, messages } = setup({ rotate: { interval: 'daily' } }, Date.UTC(2026, 10, 21, 9, 0));
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ message: 'yesterday' }) + '\n');
  const yesterday = new Date(Date.UTC(2026, 10, 20, 22, 0));
  utimesSync(path, yesterday, yesterday);
  log.info('today');
  await log.close();
  assert.deepEqual(files(), ['app.2026-11-20.log', 'app.log']);
  assert.deepEqual(messages('app.2026-11-20.log'), ['yesterday']);
  assert.deepEqual(messages('app.log'), ['today']);
  assert.equal(dest.stats().rotations, 1);
});

test('an unusable path never throws: records dropped and counted, flush resolves', async () => {
  const blocker = join(root, `blocker-${n++}`);
  writeFileSync(blocker, 'a file where a directory should be');
  const dest = createFileDestination({ path: join(blocker, 'app.log'), keep: 1, compress: false });
  const log = createLogger({ destinations: [dest] });
  log.info('lost');
  await log.flush();
  await log.close();
  const s = dest.stats();
  assert.equal(s.written, 0);
  assert.equal(s.dropped, 1);
  assert.ok(s.errors >= 1);
});

test('the buffer is bounded; flushSync() appends what is buffered synchronously', () => {
  const { log, dest, messages } = setup({ maxBufferBytes: 1000 });
  for (let i = 0; i < 50; i++) log.info(`r${i}`);
  const s = dest.stats();
  assert.ok(s.dropped > 0 && s.dropped < 50, `dropped ${s.dropped}`);
  dest.flushSync();
  const got = messages('app.log');
  assert.equal(got.length, 50 - s.dropped);
  assert.equal(got[0], 'r0');
});
