import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { context, trace } from '@opentelemetry/api';
import { collectDiagnostics } from '@meridian/config';
import { ensureContextManager } from '@meridian/context';
import { createLogger, createStdoutDestination } from '../src/index.js';
import { FIXED_ISO, fixedNow } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'meridian-stdout-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmpFile = (): string => join(dir, `out-${n++}.log`);

function fifo(): { path: string; reader: number; writer: number } {
  const path = join(dir, `fifo-${n++}`);
  execFileSync('mkfifo', [path]);
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  return { path, reader, writer };
}

/** Read everything available from a non-blocking fd. */
function readAvailable(fd: number): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    let got = 0;
    try {
      got = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
      throw e;
    }
    if (got === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, got)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

test('json lines reach the fd; flush() resolves once they are written', async () => {
  const path = tmpFile();
  const fd = openSync(path, 'w');
  const dest = createStdoutDestination({ fd });
  const log = createLogger({ destinations: [dest], timeNow: fixedNow, service: 'svc' });
  for (let i = 0; i < 1000; i++) log.info('line', { i, text: 'multi\nline' });
  assert.equal(readFileSync(path, 'utf8'), '', 'write() only buffers');
  await log.flush();
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 1000);
  lines.forEach((l, i) => {
    const rec = JSON.parse(l) as Record<string, unknown>;
    assert.equal(rec.i, i);
    assert.equal(rec.timestamp, FIXED_ISO);
    assert.equal(rec.text, 'multi\nline');
  });
  assert.deepEqual(dest.stats(), { written: 1000, dropped: 0, errors: 0 });
  await log.close();
  await log.close();
  log.info('after close');
  assert.equal(dest.stats().written, 1000);
  closeSync(fd);
});

test('a full pipe (EAGAIN) is waited for, nothing is lost', async () => {
  const { reader, writer } = fifo();
  const dest = createStdoutDestination({ fd: writer, maxBufferBytes: 1 << 20 });
  const log = createLogger({ destinations: [dest] });
  const pad = 'p'.repeat(200);
  for (let i = 0; i < 2000; i++) log.info('x', { i, pad }); // ~500 KB, far more than a 64 KB pipe holds
  let done = false;
  void log.flush().then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(done, false, 'flush() waits while the pipe is full');
  let received = '';
  while (!done) {
    received += readAvailable(reader);
    await new Promise((r) => setTimeout(r, 5));
  }
  received += readAvailable(reader);
  const lines = received.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 2000);
  lines.forEach((l, i) => assert.equal((JSON.parse(l) as { i: number }).i, i));
  assert.deepEqual(dest.stats(), { written: 2000, dropped: 0, errors: 0 });
  closeSync(reader);
  closeSync(writer);
});

test('the buffer is bounded: beyond maxBufferBytes records are dropped and counted, never queued', async () => {
  const { reader, writer } = fifo();
  const bound = 20_000;
  const dest = createStdoutDestination({ fd: writer, maxBufferBytes: bound });
  const log = createLogger({ destinations: [dest], timeNow: fixedNow });
  const pad = 'p'.repeat(150);
  const said = collectDiagnostics();
  for (let i = 0; i < 1000; i++) log.info('x', { i, pad });
  said.stop();
  const s = dest.stats();
  assert.ok(s.dropped > 800, `dropped ${s.dropped}`);
  // every drop is counted, and the first one is said once on stderr with the pipeline's drop code
  assert.deepEqual(said.lines, [
    'meridian: MERIDIAN_ERR_RECORDS_DROPPED: the stdout destination is dropping records: its buffer (maxBuffer, 20000 characters) is full: stdout is not read as fast as the service logs; every drop is counted in stats().dropped',
  ]);
  let out = '';
  let done = false;
  void log.flush().then(() => {
    done = true;
  });
  while (!done) {
    out += readAvailable(reader);
    await new Promise((r) => setTimeout(r, 5));
  }
  out += readAvailable(reader);
  const lines = out.split('\n').filter((l) => l !== '');
  const final = dest.stats();
  assert.equal(final.written + final.dropped, 1000);
  assert.equal(lines.length, final.written);
  assert.ok(lines.join('\n').length <= bound, 'never more than the bound was buffered');
  // the records that got through are the first ones, in order
  lines.forEach((l, i) => assert.equal((JSON.parse(l) as { i: number }).i, i));
  closeSync(reader);
  closeSync(writer);
});

test('EPIPE (reader gone) never throws: pending records are dropped and counted, flush resolves', async () => {
  const { reader, writer } = fifo();
  closeSync(reader);
  const dest = createStdoutDestination({ fd: writer });
  const log = createLogger({ destinations: [dest] });
  for (let i = 0; i < 10; i++) log.info('x', { i });
  await log.flush();
  log.info('after the pipe broke');
  await log.flush();
  const s = dest.stats();
  assert.equal(s.written, 0);
  assert.equal(s.dropped, 11);
  assert.ok(s.errors >= 1);
  closeSync(writer);
});

test('flushSync() writes what is buffered synchronously', () => {
  const path = tmpFile();
  const fd = openSync(path, 'w');
  const dest = createStdoutDestination({ fd });
  const log = createLogger({ destinations: [dest] });
  log.info('one');
  log.info('two');
  dest.flushSync();
  assert.deepEqual(
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { message: string }).message),
    ['one', 'two'],
  );
  assert.equal(dest.stats().written, 2);
  closeSync(fd);
});

test('records still buffered at process.exit() are written by the exit hook', () => {
  const script = join(dir, 'exit.mjs');
  const index = pathToFileURL(join(import.meta.dirname, '../src/index.js')).href;
  writeFileSync(
    script,
    `
    import { createLogger } from ${JSON.stringify(index)};
    const log = createLogger({ service: 'exit' });
    for (let i = 0; i < 5000; i++) log.info('bye', { i });
    process.exit(0);
  `,
  );
  const r = spawnSync(process.execPath, [script], {
    env: { ...process.env, MERIDIAN_LOG_EXPORTERS: 'console', MERIDIAN_LOG_FORMAT: 'json' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 5000);
  assert.equal((JSON.parse(lines[4999]) as { i: number }).i, 4999);
});

test('pretty: one readable UTC line, no colour on a file, colour when asked', async () => {
  assert.ok(ensureContextManager());
  const path = tmpFile();
  const fd = openSync(path, 'w');
  const dest = createStdoutDestination({ fd, format: 'pretty' });
  const log = createLogger({ destinations: [dest], timeNow: fixedNow, service: 'checkout' });
  const span = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });
  context.with(trace.setSpan(context.active(), span), () => {
    log.info('paid\nforged line', { orderId: 42, note: 'two words', nested: { a: [1] } });
  });
  log.warn('plain');
  const err = new Error('card declined', { cause: Object.assign(new Error('issuer timeout'), { code: 'ETIMEDOUT' }) });
  log.error(err);
  await log.flush();
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.length, 4);
  assert.match(
    lines[2],
    /^2026-11-21T05:30:00\.123Z ERROR checkout: card declined error="Error: card declined at .+stdout-destination\.test\.js:\d+:\d+\) <- Error: issuer timeout \(ETIMEDOUT\)"$/,
  );
  assert.equal(lines[0], `${FIXED_ISO} INFO  checkout: paid\\nforged line orderId=42 note="two words" nested={"a":[1]} trace=4bf92f35… span=00f067aa0ba902b7`);
  assert.equal(lines[1], `${FIXED_ISO} WARN  checkout: plain`);
  assert.ok(!lines[0].includes('\x1b['));
  closeSync(fd);

  const path2 = tmpFile();
  const fd2 = openSync(path2, 'w');
  const coloured = createStdoutDestination({ fd: fd2, format: 'pretty', color: true });
  const log2 = createLogger({ destinations: [coloured], timeNow: fixedNow, service: 'checkout' });
  log2.error('red');
  await log2.flush();
  assert.ok(readFileSync(path2, 'utf8').startsWith(`${FIXED_ISO} \x1b[31mERROR\x1b[0m checkout: red`));
  closeSync(fd2);
});
