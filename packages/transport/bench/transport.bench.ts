// pnpm --dir packages/transport bench   (after `npx tsc -b packages/transport`)
// Env: BENCH_OUTAGE_S (default 10; the full run is 60), BENCH_SECONDS per throughput case (default 4).
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '@meridian/config';
import { createHttpNdjsonExporter, createRouter, createTransport, type Exporter, type LogEntry, type Transport } from '../src/index.js';
import { realisticEntries } from './entries.js';
import { createWorkerExporter } from './worker-exporter.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 10);
const config = loadConfig({});
const ENTRIES: LogEntry[] = realisticEntries(1000);
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

const nullExporter: Exporter = { name: 'null', network: false, encode: () => '', send: async () => ({ outcome: 'ok' }) };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function writeCost(label: string, t: Transport, n: number, wrap: (f: () => void) => void = (f) => f()): void {
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    let ns = 0;
    wrap(() => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) t.write(ENTRIES[i % 1000]!);
      ns = Number(process.hrtime.bigint() - t0);
    });
    rounds.push(ns / n);
    t.flushSync();
  }
  console.log(
    `  ${label.padEnd(52)} ${Math.min(...rounds)
      .toFixed(0)
      .padStart(5)} ns/record (best of 7 x ${n}; median ${median(rounds).toFixed(0)})`,
  );
}

interface Sink {
  proc: ChildProcess;
  url: string;
  stats(): Promise<{ records: number; wireBytes: number; rawBytes: number }>;
}

async function startSink(): Promise<Sink> {
  const proc = fork(fileURLToPath(new URL('./sink-process.js', import.meta.url)));
  const port = await new Promise<number>((r) => proc.once('message', (m: { port: number }) => r(m.port)));
  return {
    proc,
    url: `http://127.0.0.1:${port}/logs`,
    stats: () =>
      new Promise((r) => {
        proc.once('message', (m) => r(m as { records: number; wireBytes: number; rawBytes: number }));
        proc.send('stats');
      }),
  };
}

/** Host work per iteration: a little CPU (JSON + sha1), and one log record. */
function hostWork(i: number): string {
  return createHash('sha1')
    .update(JSON.stringify({ i, user: 'u_' + (i % 977), amount: i * 3 }))
    .digest('hex');
}

type ThreadCpu = { threadCpuUsage?: () => NodeJS.CpuUsage };
const threadCpu = (): number => {
  const f = (process as unknown as ThreadCpu).threadCpuUsage;
  const u = f ? f() : process.cpuUsage();
  return u.user + u.system;
};
const processCpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Log `records` records (1,000 per event-loop turn) and deliver them all; no host work, so what is
 * measured is the transport alone. CPU time, not wall time (the machine is shared): main-thread CPU
 * (process.threadCpuUsage, Node >= 23.9; else whole-process) and whole-process CPU (includes the
 * libuv pool that runs zlib, and worker threads).
 */
async function transportCpu(t: Transport, records = 100_000): Promise<{ main: number; total: number; records: number }> {
  const m0 = threadCpu();
  const p0 = processCpu();
  for (let i = 0; i < records;) {
    for (let k = 0; k < 1000; k++, i++) t.write(ENTRIES[i % 1000]!);
    await tick();
    while (t.pending() > 15_000) await new Promise((r) => setTimeout(r, 1));
  }
  await t.flush({ timeoutMs: 30_000 });
  const main = threadCpu() - m0;
  const total = processCpu() - p0;
  const sent = t.getStats().sent;
  await t.close();
  return { main, total, records: sent };
}

async function hostThroughput(label: string, t: Transport | undefined): Promise<void> {
  const cpu0 = process.cpuUsage();
  const start = Date.now();
  let iterations = 0;
  while (Date.now() - start < SECONDS * 1000) {
    for (let k = 0; k < 500; k++) {
      hostWork(iterations);
      t?.write(ENTRIES[iterations % 1000]!);
      iterations++;
    }
    await tick();
    // back-pressure for the benchmark only: keep the queue from overflowing so records/s is honest
    while (t !== undefined && t.pending() > 15_000) await new Promise((r) => setTimeout(r, 1));
  }
  const elapsed = (Date.now() - start) / 1000;
  if (t !== undefined) await t.flush({ timeoutMs: 30_000 });
  const total = (Date.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const s = t?.getStats();
  const lost = s ? s.droppedTotal : 0;
  console.log(
    `  ${label.padEnd(44)} host ${(iterations / elapsed).toFixed(0).padStart(7)} it/s` +
      (s ? `, delivered ${(s.sent / total).toFixed(0).padStart(7)} rec/s, dropped ${lost}` : '') +
      `, main-process CPU ${((cpu.user + cpu.system) / 1000 / total / 10).toFixed(0)}%`,
  );
  await t?.close();
}

async function writeCostSection(): Promise<void> {
  console.log("1. caller-side cost of write() (no I/O on the caller's path)");
  const big = { exporter: nullExporter, config, queueMaxRecords: 1_000_000, queueMaxBytes: 1e9, batchDelayMs: 60_000, batchMaxRecords: 1_000_000 };
  writeCost('info record, queue has room', createTransport(big), 100_000);
  writeCost('info record, queue full (drop_newest, counted)', createTransport({ ...big, queueMaxRecords: 1000 }), 100_000);
  const debugEntries = ENTRIES.map((e) => ({ ...e, level: 'debug' as const, levelValue: 20 }));
  {
    // the route stage's per-request debug buffer (what a logger with MERIDIAN_DEBUG_BUFFER=on does below its level)
    const router = createRouter({ destinations: [createTransport(big)], debugBufferMax: 1_000_000 });
    const request = {};
    const rounds: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 100_000; i++) router.hold(request, debugEntries[i % 1000]!);
      rounds.push(Number(process.hrtime.bigint() - t0) / 100_000);
    }
    console.log(
      `  ${'debug record held in the request buffer (router)'.padEnd(52)} ${Math.min(...rounds)
        .toFixed(0)
        .padStart(5)} ns/record (best of 7 x 100000; median ${median(rounds).toFixed(0)})`,
    );
    void router.close();
  }
}

async function wireBytesSection(): Promise<void> {
  console.log('\n2. bytes on the wire (realistic JSON log lines)');
  for (const n of [10, 100, 1000]) {
    const raw = Buffer.from(
      ENTRIES.slice(0, n)
        .map((e) => e.line)
        .join('\n') + '\n',
    );
    const parts: string[] = [];
    for (const level of [1, 3, 6]) {
      const gz = gzipSync(raw, { level });
      const reps = Math.max(5, Math.floor(2000 / n));
      const t0 = process.hrtime.bigint();
      for (let r = 0; r < reps; r++) gzipSync(raw, { level });
      const ns = Number(process.hrtime.bigint() - t0) / reps / n;
      parts.push(`level ${level}: ${(100 - (gz.length / raw.length) * 100).toFixed(1)}% saved, ${(ns / 1000).toFixed(1)} µs/rec`);
    }
    console.log(`  batch of ${String(n).padStart(4)} (${raw.length} B raw) — ${parts.join('; ')}`);
  }
}

async function outageSection(): Promise<void> {
  console.log(
    `\n3. RSS during a sink outage at 20,000 records/s for ${OUTAGE_S} s (default bounds: ${config.transport.queueMaxRecords} records / ${mb(config.transport.queueMaxBytes)} MiB)`,
  );
  const t = createTransport({ exporter: createHttpNdjsonExporter({ url: 'http://127.0.0.1:9/' }), config, closeTimeoutMs: 100 });
  const rss0 = process.memoryUsage().rss;
  let rssMax = rss0;
  const start = Date.now();
  let written = 0;
  let nextReport = 1;
  while (Date.now() - start < OUTAGE_S * 1000) {
    for (let k = 0; k < 200; k++) t.write(ENTRIES[written++ % 1000]!);
    await new Promise((r) => setTimeout(r, 10 - ((Date.now() - start) % 10)));
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    if ((Date.now() - start) / 1000 >= nextReport * Math.max(1, OUTAGE_S / 5)) {
      nextReport++;
      const s = t.getStats();
      console.log(
        `  t=${((Date.now() - start) / 1000).toFixed(0).padStart(3)} s  written ${written}  queued ${s.queueRecords} (${mb(s.queueBytes)} MiB)  dropped ${s.dropped.queue_full}  rss ${mb(process.memoryUsage().rss)} MiB`,
      );
    }
  }
  const s = t.getStats();
  console.log(
    `  rate ${(written / ((Date.now() - start) / 1000)).toFixed(0)} rec/s; rss start ${mb(rss0)} MiB, max ${mb(rssMax)} MiB; enqueued ${s.enqueued} = queued ${s.queueRecords} + dropped ${s.droppedTotal}`,
  );
  await t.close();
}

async function throughputSection(sink: Sink, rounds: number): Promise<void> {
  console.log(`\n4. sustained delivery into a local sink (separate process), ${SECONDS} s per case, and host throughput`);
  for (let round = 1; round <= rounds; round++) {
    console.log(`  round ${round}/${rounds}`);
    await hostThroughput('no logging (baseline)', undefined);
    await hostThroughput('transport, null exporter (queue cost only)', createTransport({ exporter: nullExporter, config }));
    for (const compression of ['none', 'gzip'] as const) {
      sink.proc.send('reset');
      await hostThroughput(
        `HTTP NDJSON, ${compression}, in-process`,
        createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url }), config, compression }),
      );
      const st = await sink.stats();
      if (round === 1)
        console.log(
          `    wire: ${mb(st.wireBytes)} MiB for ${st.records} records (${(st.wireBytes / st.records).toFixed(0)} B/record; raw ${(st.rawBytes / st.records).toFixed(0)} B/record)`,
        );
    }
    const wx = createWorkerExporter(sink.url);
    await hostThroughput('HTTP NDJSON, gzip, in a worker_threads worker', createTransport({ exporter: wx, config, compression: 'none' }));
    await wx.terminate();
  }
}

async function workerSection(sink: Sink, rounds: number): Promise<void> {
  console.log(`\n5. worker_threads question: CPU time per delivered record (100k records, as fast as delivered; ${rounds} rounds, medians)`);
  if ((process as unknown as ThreadCpu).threadCpuUsage === undefined)
    console.log('  (no process.threadCpuUsage on this Node: "main thread" below is the whole process; run on Node >= 23.9)');
  const per: Record<string, { main: number[]; total: number[] }> = {};
  const note = (k: string, r: { main: number; total: number; records: number }): void => {
    per[k] ??= { main: [], total: [] };
    per[k]!.main.push(r.main / r.records);
    per[k]!.total.push(r.total / r.records);
  };
  for (let round = 1; round <= rounds; round++) {
    note('null exporter (write + queue + batching only)', await transportCpu(createTransport({ exporter: nullExporter, config })));
    note(
      'HTTP, no compression, in-process',
      await transportCpu(createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url }), config, compression: 'none' })),
    );
    note(
      'HTTP, gzip in-process (zlib async on the libuv pool)',
      await transportCpu(createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url }), config })),
    );
    const w = createWorkerExporter(sink.url);
    note('HTTP, encode + gzip + POST in a worker thread', await transportCpu(createTransport({ exporter: w, config, compression: 'none' })));
    await w.terminate();
  }
  for (const [k, v] of Object.entries(per)) {
    console.log(
      `  ${k.padEnd(52)} main thread ${median(v.main).toFixed(2).padStart(5)} µs/record, whole process ${median(v.total).toFixed(2).padStart(5)} µs/record`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`@meridian/transport bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared machine`);
  const line = ENTRIES[0]!.line;
  console.log(`record: ${Buffer.byteLength(line)} bytes of JSON, e.g. ${line.slice(0, 90)}…\n`);
  const only = process.env.BENCH_ONLY;
  const run = (n: string): boolean => only === undefined || only.split(',').includes(n);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  if (run('1')) await writeCostSection();
  if (run('2')) await wireBytesSection();
  if (run('3')) await outageSection();
  if (run('4') || run('5')) {
    const sink = await startSink();
    if (run('4')) await throughputSection(sink, rounds);
    if (run('5')) await workerSection(sink, rounds);
    sink.proc.send('exit');
  }
}

await main();
