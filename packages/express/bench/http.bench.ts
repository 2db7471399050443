/**
 * HTTP overhead: hello-world Express and Fastify, bare vs Meridian vs stock OpenTelemetry, each case in
 * its own process, driven by autocannon (10 connections, 1 s warm-up + 4 s measured, best of 2 rounds;
 * about 2 minutes in all). Two extra Fastify cases show where Meridian's cost goes (no access log; no export).
 *   npx tsc -b packages/express packages/fastify && pnpm --dir packages/express bench
 * Spans are exported over OTLP/HTTP to a no-op receiver in this process (answers 200 to everything).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CASES, caseEnv, serve, type CaseName } from './servers.js';

const CONNECTIONS = 10;
const WARMUP_S = 1;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** BENCH_CASES=fastify-bare,fastify-meridian runs only those cases (e.g. to profile one with BENCH_SERVER_ARGS=--cpu-prof). */
const SELECTED = process.env.BENCH_CASES === undefined ? CASES : CASES.filter((c) => process.env.BENCH_CASES!.split(',').includes(c));
/**
 * BENCH_RATE=3000 offers a fixed load (requests/s over all connections) instead of as many as the server
 * answers: every case then does the same work per second, so CPU µs/request compares cases (and
 * before/after a change) without the per-second costs (timers, export batches, GC) being spread over
 * different request counts. The tables use the default (unbounded) load.
 */
const RATE = process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE);
/** Extra node flags for the server processes, e.g. `--cpu-prof --cpu-prof-dir=prof`. */
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');

if (process.argv[2] === '--serve') {
  // Exit through process.exit so `--cpu-prof` can write its profile when the runner stops this case.
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
  const port = await serve(process.argv[3] as CaseName);
  process.stdout.write(`listening ${port}\n`);
} else {
  await main();
}

interface Row { name: CaseName; rps: number; p99: number; errors: number; exported: number; cpuUs: number }

/**
 * CPU time (user + system) the server process used, in µs, from /proc (Linux; NaN elsewhere).
 * Requests/s on a shared 2-core machine swing with the neighbours' load; CPU per request does not
 * (much), so the table reports both.
 */
function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
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

function startCase(name: CaseName, otlp: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SERVER_ARGS, fileURLToPath(import.meta.url), '--serve', name], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_SERVICE_NAME: 'bench', NODE_ENV: 'production', ...caseEnv(name) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
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
async function measure(name: CaseName, otlp: { url: string; count: () => number }): Promise<Row> {
  const { child, port } = await startCase(name, otlp.url);
  const url = `http://127.0.0.1:${port}/hello/world`;
  try {
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, ...(RATE === undefined ? {} : { overallRate: RATE }) });
    const before = otlp.count();
    const cpuBefore = cpuMicros(child.pid!);
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...(RATE === undefined ? {} : { overallRate: RATE }) });
    // Let the batch span processor export what this run produced: its CPU counts too.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const cpuUs = (cpuMicros(child.pid!) - cpuBefore) / (r.requests.average * DURATION_S);
    process.stderr.write(`${name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, ${cpuUs.toFixed(0)} µs CPU/request\n`);
    return { name, rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx, exported: otlp.count() - before, cpuUs };
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  // Rounds are interleaved (every case once, then again) so a busy neighbour hurts all cases alike;
  // each case keeps its best round (highest req/s; lowest CPU/request).
  const best = new Map<CaseName, Row>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of SELECTED) {
      const row = await measure(name, receiver);
      const prev = best.get(name);
      best.set(name, prev === undefined ? row : {
        ...(row.rps > prev.rps ? row : prev),
        cpuUs: Math.min(row.cpuUs, prev.cpuUs),
        errors: row.errors + prev.errors,
      });
    }
  }
  receiver.server.close();
  const rows = SELECTED.map((name) => best.get(name)!);
  const bareRow = (framework: string): Row | undefined => rows.find((r) => r.name === `${framework}-bare`);
  console.log(`\nnode ${process.version}, ${CONNECTIONS} connections, best of ${ROUNDS} × ${DURATION_S} s per case\n`);
  console.log('| case | req/s | p99 ms | % of bare req/s | server CPU µs/req | % of bare (CPU-bound) | errors | OTLP posts |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const bare = bareRow(r.name.split('-')[0]) ?? r;
    const pct = (100 * r.rps) / bare.rps;
    const cpuPct = (100 * bare.cpuUs) / r.cpuUs;
    console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p99} | ${pct.toFixed(0)}% | ${r.cpuUs.toFixed(0)} | ${cpuPct.toFixed(0)}% | ${r.errors} | ${r.exported} |`);
  }
}
