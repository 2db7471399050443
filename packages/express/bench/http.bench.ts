/**
 * HTTP overhead: hello-world Express and Fastify side by side — bare, Meridian (tracing, access log,
 * redaction, OTLP export), stock OpenTelemetry, the calibration rows (one pino line; one bare SDK span)
 * and the breakdown rows — each case in its own process, driven by autocannon at a FIXED OFFERED LOAD
 * (10 connections; Express 1500 req/s, Fastify 1200 req/s by default), 1 s warm-up + 3 s measured per
 * case, rounds interleaved (every case once, then again) and the median of the rounds reported.
 *   npx tsc -b packages/express packages/fastify && npx -y node@24 packages/express/dist/bench/http.bench.js
 * Spans are exported over OTLP/HTTP to a no-op receiver in this process (answers 200 to everything).
 *
 * Why a fixed load: CPU per request then compares cases at the same work per second (per-second costs —
 * timers, export batches, GC — spread over the same request count), and a case that cannot keep up
 * shows as req/s below the offered rate. The rate is one every case sustains on this 2-core machine
 * (stock OTel Express is the slowest, ≈ 1 ms of CPU per request).
 *
 * Environment: BENCH_CASES=a,b (subset), BENCH_ROUNDS (3), BENCH_DURATION_S (3), BENCH_RATE (both
 * frameworks; 0 = unbounded), BENCH_RATE_EXPRESS, BENCH_RATE_FASTIFY, BENCH_SERVER_ARGS (node flags for
 * the servers, e.g. `--cpu-prof --cpu-prof-dir=prof`), BENCH_JSON=file (medians as JSON).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CASES, caseEnv, serve, type CaseName } from './servers.js';

const CONNECTIONS = 10;
const WARMUP_S = 1;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SELECTED = process.env.BENCH_CASES === undefined ? CASES : CASES.filter((c) => process.env.BENCH_CASES!.split(',').includes(c));
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');
/**
 * BENCH_VARIANTS='off:X=0;on:X=1' runs every selected case once per variant (extra environment for
 * its server), interleaved like the cases: an A/B comparison within one run (e.g. a switch read by
 * an experiment build, or BENCH_SERVER_SCRIPT=<another build's dist/bench/http.bench.js> to compare two
 * builds). Rows are named `case@variant`.
 */
const VARIANTS: { name: string; env: Record<string, string> }[] = (process.env.BENCH_VARIANTS ?? '')
  .split(';')
  .filter((v) => v !== '')
  .map((v) => {
    const [name, ...pairs] = v.split(':');
    const env: Record<string, string> = {};
    for (const pair of pairs.join(':').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return { name, env };
  });

function rateOf(framework: string): number | undefined {
  const specific = process.env[`BENCH_RATE_${framework.toUpperCase()}`];
  const raw = specific ?? process.env.BENCH_RATE ?? (framework === 'express' ? '1500' : '1200');
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

if (process.argv[2] === '--serve') {
  // Exit through process.exit so `--cpu-prof` can write its profile when the runner stops this case.
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
  // Cumulative GC pause time of this process, written on request (SIGUSR2) so the runner can take
  // the measured window's share.
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => process.stdout.write(`gc ${gcMs}\n`));
  const port = await serve(process.argv[3] as CaseName);
  process.stdout.write(`listening ${port}\n`);
} else {
  await main();
}

interface Row {
  name: string;
  rps: number;
  p99: number;
  errors: number;
  exported: number;
  cpuUs: number;
  mainUs: number;
  gcUs: number;
}

/**
 * CPU time (user + system) in µs from /proc (Linux; NaN elsewhere): of the whole server process, or
 * of its main (serving) thread alone (`/proc/<pid>/task/<pid>`: the process's other threads — GC
 * helpers, the libuv pool running gzip — excluded).
 */
function cpuMicros(pid: number, mainThreadOnly = false): number {
  try {
    const file = mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return NaN;
  }
}

async function startReceiver(): Promise<{ server: http.Server; url: string; count: () => number }> {
  let count = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count };
}

/** Ask a server for its cumulative GC time (ms). */
function gcOf(child: ChildProcess & { gcWaiters?: ((ms: number) => void)[] }): Promise<number> {
  return new Promise((resolve) => {
    (child.gcWaiters ??= []).push(resolve);
    child.kill('SIGUSR2');
  });
}

function startCase(name: CaseName, otlp: string, extraEnv: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // A variant may name another build's compiled bench as its server (BENCH_SERVER_SCRIPT): before/after in one run.
    const script = extraEnv.BENCH_SERVER_SCRIPT ?? fileURLToPath(import.meta.url);
    const child = spawn(process.execPath, [...SERVER_ARGS, script, '--serve', name], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_SERVICE_NAME: 'bench', NODE_ENV: 'production', ...caseEnv(name), ...extraEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
      let g: RegExpExecArray | null;
      while ((g = /gc ([\d.]+)\n/.exec(out)) !== null) {
        out = out.slice(g.index + g[0].length);
        (child as { gcWaiters?: ((ms: number) => void)[] }).gcWaiters?.shift()?.(Number(g[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** One measured run of one case (fresh process, warm-up, measured run, exporter drained). */
async function measure(caseName: CaseName, otlp: { url: string; count: () => number }, variant?: { name: string; env: Record<string, string> }): Promise<Row> {
  const name = variant === undefined ? caseName : `${caseName}@${variant.name}`;
  const { child, port } = await startCase(caseName, otlp.url, variant?.env ?? {});
  const url = `http://127.0.0.1:${port}/hello/world`;
  const rate = rateOf(name.split('-')[0]);
  const load = { url, connections: CONNECTIONS, ...(rate === undefined ? {} : { overallRate: rate }) };
  try {
    await autocannon({ ...load, duration: WARMUP_S });
    const before = otlp.count();
    const cpuBefore = cpuMicros(child.pid!);
    const mainBefore = cpuMicros(child.pid!, true);
    const gcBefore = await gcOf(child);
    const r = await autocannon({ ...load, duration: DURATION_S });
    // Let the span exporter send what this run produced: its CPU counts too.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const gcUs = (((await gcOf(child)) - gcBefore) * 1000) / r.requests.total;
    const served = r.requests.total;
    const cpuUs = (cpuMicros(child.pid!) - cpuBefore) / served;
    const mainUs = (cpuMicros(child.pid!, true) - mainBefore) / served;
    process.stderr.write(
      `${name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, ${cpuUs.toFixed(0)} µs CPU/request (main thread ${mainUs.toFixed(0)}, GC ${gcUs.toFixed(1)})\n`,
    );
    return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, exported: otlp.count() - before, cpuUs, mainUs, gcUs };
  } finally {
    await stop(child);
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function pass(value: number, limit: number): string {
  return Number.isFinite(value) ? (value <= limit ? 'PASS' : 'FAIL') : 'n/a';
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  // Rounds are interleaved (every case once, then again) so a busy neighbour hurts all cases alike;
  // each figure is the median of its case's rounds.
  const runs = new Map<string, Row[]>();
  const names: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const caseName of SELECTED) {
      for (const variant of VARIANTS.length === 0 ? [undefined] : VARIANTS) {
        const row = await measure(caseName, receiver, variant);
        if (!runs.has(row.name)) names.push(row.name);
        runs.set(row.name, [...(runs.get(row.name) ?? []), row]);
      }
    }
  }
  receiver.server.close();
  const rows: Row[] = names.map((name) => {
    const rs = runs.get(name)!;
    return {
      name,
      rps: median(rs.map((r) => r.rps)),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      exported: median(rs.map((r) => r.exported)),
      cpuUs: median(rs.map((r) => r.cpuUs)),
      mainUs: median(rs.map((r) => r.mainUs)),
      gcUs: median(rs.map((r) => r.gcUs)),
    };
  });
  const byName = new Map(rows.map((r) => [r.name as string, r]));
  console.log(
    `\nnode ${process.version}, ${CONNECTIONS} connections, offered load express ${rateOf('express') ?? 'unbounded'} req/s, fastify ${rateOf('fastify') ?? 'unbounded'} req/s; median of ${ROUNDS} interleaved rounds × ${DURATION_S} s per case\n`,
  );
  console.log('| case | req/s | p99 ms | CPU µs/req | added vs bare | main thread µs/req | GC pause µs/req | errors | OTLP posts |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const at = r.name.indexOf('@');
    const bare = byName.get(`${r.name.split('-')[0]}-bare${at < 0 ? '' : r.name.slice(at)}`) ?? byName.get(`${r.name.split('-')[0]}-bare`);
    const added = bare === undefined ? '' : (r.cpuUs - bare.cpuUs).toFixed(0);
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p99} | ${r.cpuUs.toFixed(0)} | ${added} | ${r.mainUs.toFixed(0)} | ${r.gcUs.toFixed(1)} | ${r.errors} | ${r.exported} |`,
    );
  }
  const goals: Record<string, unknown> = {};
  console.log(
    '\n| framework | Meridian added µs | stock OTel added µs | (meridian−bare)/(otel−bare) ≤ 0.5 | SDK span + pino line added µs | (meridian−bare)/((sdkspan−bare)+(pino−bare)) ≤ 1.0 |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const suffix of VARIANTS.length === 0 ? [''] : VARIANTS.map((v) => '@' + v.name)) {
    for (const fw of ['express', 'fastify']) {
      const cpu = (mode: string): number => byName.get(`${fw}-${mode}${suffix}`)?.cpuUs ?? NaN;
      const bare = cpu('bare');
      const meridian = cpu('meridian') - bare;
      const otel = cpu('otel') - bare;
      const calibration = cpu('sdkspan') - bare + (cpu('pino') - bare);
      const r1 = meridian / otel;
      const r2 = meridian / calibration;
      goals[fw + suffix] = { meridianAdded: meridian, otelAdded: otel, calibrationAdded: calibration, vsOtel: r1, vsCalibration: r2 };
      if (!Number.isFinite(bare)) continue;
      console.log(
        `| ${fw}${suffix} | ${meridian.toFixed(0)} | ${otel.toFixed(0)} | ${r1.toFixed(2)} ${pass(r1, 0.5)} | ${calibration.toFixed(0)} | ${r2.toFixed(2)} ${pass(r2, 1.0)} |`,
      );
    }
  }
  if (process.env.BENCH_JSON !== undefined) {
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ node: process.version, rounds: ROUNDS, rows, runs: Object.fromEntries(runs), goals }, null, 2));
  }
}
