// Destinations coalesce writes: lines logged over many event-loop turns go out in one write within
// COALESCE_MS (10 ms), flush() writes at once. fs.write / FileHandle.write are counted by patching them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { createFileDestination, createLogger, createStdoutDestination } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'meridian-coalesce-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Count fs.write calls (the stdout destination's) while `fn` runs. */
async function countFsWrites(fn: () => Promise<void>): Promise<number> {
  const original = fs.write;
  let calls = 0;
  (fs as { write: unknown }).write = function counted(this: unknown, ...args: unknown[]) {
    calls++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  syncBuiltinESMExports();
  try {
    await fn();
  } finally {
    fs.write = original;
    syncBuiltinESMExports();
  }
  return calls;
}

async function lineCount(path: string, want: number, deadlineMs: number): Promise<number> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    let n = 0;
    try {
      n = readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      n = 0; // not created yet
    }
    if (n >= want || Date.now() > end) return n;
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('stdout destination: 40 lines over 40 event-loop turns go out in a few writes, without flush()', async () => {
  const path = join(dir, 'fd.log');
  const fd = openSync(path, 'w');
  const dest = createStdoutDestination({ fd });
  const log = createLogger({ destinations: [dest] });
  let written = 0;
  const calls = await countFsWrites(async () => {
    for (let i = 0; i < 40; i++) {
      log.info('line', { i });
      await turn();
    }
    // The latency bound: every line is in the file soon after, with no flush() call.
    written = await lineCount(path, 40, 2000);
  });
  closeSync(fd);
  assert.equal(written, 40);
  assert.ok(calls <= 5, `expected the 40 lines in at most 5 writes (one per turn before coalescing), got ${calls}`);
});

test('stdout destination: flush() writes at once, not after the coalescing delay', async () => {
  const path = join(dir, 'flush.log');
  const fd = openSync(path, 'w');
  const log = createLogger({ destinations: [createStdoutDestination({ fd })] });
  log.info('now');
  await log.flush();
  assert.match(readFileSync(path, 'utf8'), /"message":"now"/);
  closeSync(fd);
});

test('file destination: 40 lines over 40 event-loop turns go out in a few writes, without flush()', async () => {
  const path = join(dir, 'app.log');
  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => unknown };
  await probe.close();
  const original = proto.write;
  let calls = 0;
  proto.write = function counted(this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  let written = 0;
  try {
    const log = createLogger({ destinations: [createFileDestination({ path })] });
    for (let i = 0; i < 40; i++) {
      log.info('line', { i });
      await turn();
    }
    written = await lineCount(path, 40, 2000);
  } finally {
    proto.write = original;
  }
  assert.equal(written, 40);
  assert.ok(calls <= 5, `expected the 40 lines in at most 5 writes, got ${calls}`);
});

test('a process that ends on its own (no flush, no exit call) still writes its last lines: the timer does not hold it, flushSync() at exit writes them', async () => {
  const { spawnSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { pathToFileURL } = await import('node:url');
  const file = join(dir, 'natural.log');
  const script = join(dir, 'natural.mjs');
  const logger = pathToFileURL(join(import.meta.dirname, '../src/index.js')).href;
  writeFileSync(
    script,
    `
    import { createLogger, createFileDestination, createStdoutDestination } from ${JSON.stringify(logger)};
    const log = createLogger({ destinations: [createStdoutDestination(), createFileDestination({ path: ${JSON.stringify(file)} })] });
    log.info('last words');
    // the logger itself is unreachable from here on: a collection before exit must not lose the line
    setImmediate(() => globalThis.gc());
  `,
  );
  const r = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"message":"last words"/, `stdout ${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)}, signal ${r.signal}`);
  assert.match(readFileSync(file, 'utf8'), /"message":"last words"/);
});
