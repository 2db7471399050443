import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeFrames, encodeFrames, SPOOL_MAGIC } from '../src/internal/spool-format.js';
import { createHttpNdjsonExporter, type Exporter, type TransportStats } from '../src/index.js';
import { entry, until } from './helpers/entries.js';
import { transportTo } from './helpers/setup.js';
import { range, Sink } from './helpers/sink.js';

/** Spool files are named after the exporter: one name per test keeps them apart. */
function exporterNamed(name: string, url: string): { exporter: Exporter } {
  return { exporter: createHttpNdjsonExporter({ url, name }) };
}

const child = fileURLToPath(new URL('./fixtures/exit-child.js', import.meta.url));

function runChild(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (err += c));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('disk spool', () => {
  const sink = new Sink();
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'meridian-spool-'));
    dirs.push(d);
    return d;
  };
  before(() => sink.start());
  after(async () => {
    await sink.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('process.exit() right after logging: spooled synchronously, delivered by the next process', async () => {
    sink.accepted.length = 0;
    const dir = tmp();
    const w = await runChild({ MODE: 'write', N: '500', SINK_URL: sink.url, SPOOL_DIR: dir });
    assert.equal(w.code, 0, w.err);
    assert.equal(sink.accepted.length, 0, 'nothing was sent before exit');
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^child\.\d+\.\d+\.spool$/);
    assert.equal(decodeFrames(readFileSync(join(dir, files[0]!))).entries.length, 500);
    const r = await runChild({ MODE: 'replay', SINK_URL: sink.url, SPOOL_DIR: dir });
    assert.equal(r.code, 0, r.err);
    const stats = JSON.parse(r.out) as TransportStats;
    assert.equal(stats.replayed, 500);
    assert.equal(stats.sent, 500);
    assert.deepEqual(
      sink.accepted.map((x) => x.i),
      range(500),
      'all records, in order',
    );
    assert.deepEqual(readdirSync(dir), [], 'the replayed file is removed once acknowledged');
  });

  it('without a spool, flushSync() counts what is lost as exit', () => {
    const t = transportTo(sink, { batchDelayMs: 60_000 });
    for (const i of range(7)) t.write(entry(i));
    t.flushSync();
    const s = t.getStats();
    assert.equal(s.dropped.exit, 7);
    assert.equal(s.queueRecords, 0);
    void t.close();
  });

  it("byte lines (an exporter's per-item encoding, e.g. a span) and text lines share one spool file and come back as they went in", () => {
    const bytes = new Uint8Array([0, 1, 0x7f, 0x80, 0xff, 10, 13, 0xc3, 0x28]); // not UTF-8: must not be decoded as text
    const text = 'naïve café ✓ 🚀';
    const frames = encodeFrames([
      { time: 1.5, level: 'error', levelValue: 50, line: bytes },
      { time: 2, level: 'info', levelValue: 30, line: text },
    ]);
    const { entries, damaged } = decodeFrames(Buffer.concat([SPOOL_MAGIC, frames]));
    assert.equal(damaged, 0);
    const back = entries[0]!;
    assert.deepEqual([back.time, back.level, back.levelValue], [1.5, 'error', 50]);
    assert.ok(back.line instanceof Uint8Array, 'a byte line comes back as bytes');
    assert.deepEqual([...(back.line as Uint8Array)], [...bytes]);
    assert.deepEqual(entries[1], { time: 2, level: 'info', levelValue: 30, line: text });
  });

  it('a truncated and a corrupted frame: good records kept, damage counted', async () => {
    sink.accepted.length = 0;
    const dir = tmp();
    const frames = encodeFrames(range(10).map((i) => entry(i)));
    const whole = Buffer.concat([SPOOL_MAGIC, frames]);
    // frame boundaries: find the start of frame 3 by encoding the first 3 alone
    const f3 = SPOOL_MAGIC.length + encodeFrames(range(3).map((i) => entry(i))).length;
    whole[f3 + 20] ^= 0xff; // flip a byte inside frame 3's payload: CRC mismatch
    const truncated = whole.subarray(0, whole.length - 30); // cut into frame 9
    // a file left by an earlier incarnation of this pid (pid reuse) is claimed like a dead process's
    writeFileSync(join(dir, `trunc.${process.pid}.1.spool`), truncated);
    const t = transportTo(sink, { spoolDir: dir, ...exporterNamed('trunc', sink.url) });
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [0, 1, 2, 4, 5, 6, 7, 8]);
    const s = t.getStats();
    assert.equal(s.replayed, 8);
    assert.equal(s.dropped.spool_corrupt, 2);
    await t.close();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('overflow during an outage spills to the spool instead of dropping; replayed later', async () => {
    const dir = tmp();
    const down = new Sink();
    await down.start();
    const port = down.port;
    await down.stop();
    const t = transportTo(down, { spoolDir: dir, queueMaxRecords: 100, batchMaxRecords: 50, closeTimeoutMs: 300, ...exporterNamed('spill', down.url) });
    for (const i of range(1000)) t.write(entry(i));
    const mid = t.getStats();
    assert.equal(mid.droppedTotal, 0);
    assert.ok(mid.spooled >= 850, `spooled ${mid.spooled}`);
    assert.ok(mid.queueRecords <= 100);
    await until(() => t.getStats().unavailableSince !== undefined, 5000, 'outage noticed');
    await t.close();
    const s = t.getStats();
    assert.equal(s.spooled, 1000, 'close() spooled the rest');
    assert.equal(s.droppedTotal, 0);
    const up = new Sink();
    await up.start(port);
    const t2 = transportTo(up, { spoolDir: dir, ...exporterNamed('spill', up.url) });
    await t2.flush({ timeoutMs: 10_000 });
    assert.deepEqual([...new Set(up.acceptedIds())], range(1000));
    assert.equal(t2.getStats().replayed, 1000);
    await t2.close();
    await up.stop();
  });

  it('records spilled during an outage are replayed by the same process once the sink is back', async () => {
    const dir = tmp();
    const flaky = new Sink();
    await flaky.start();
    const port = flaky.port;
    await flaky.stop();
    const t = transportTo(flaky, { spoolDir: dir, queueMaxRecords: 100, batchMaxRecords: 50, ...exporterNamed('drain', flaky.url) });
    for (const i of range(1000)) t.write(entry(i));
    assert.ok(t.getStats().spooled >= 850);
    await until(() => t.getStats().unavailableSince !== undefined, 5000, 'outage noticed');
    await flaky.start(port);
    await until(() => new Set(flaky.acceptedIds()).size === 1000, 15_000, 'every record delivered');
    const s = t.getStats();
    assert.equal(s.droppedTotal, 0);
    assert.equal(s.replayed, s.spooled);
    await until(() => readdirSync(dir).every((f) => !f.endsWith('.replay')), 5000, 'the replayed file released');
    await t.close();
    await flaky.stop();
  });

  it('spool size cap: beyond MERIDIAN_SPOOL_MAX_BYTES records are dropped as spool_full', () => {
    const dir = tmp();
    const t = transportTo(sink, { spoolDir: dir, spoolMaxBytes: 4096, batchDelayMs: 60_000, ...exporterNamed('cap', sink.url) });
    for (const i of range(100)) t.write(entry(i));
    t.flushSync();
    const s = t.getStats();
    assert.ok(s.spooled > 0 && s.spooled < 100, `spooled ${s.spooled}`);
    assert.equal(s.spooled + s.dropped.spool_full, 100);
    assert.ok(s.spoolBytes <= 4096);
    void t.close();
  });
});
