/**
 * Measured figures for the README: `npx tsc -b packages/exporter-elk && node packages/exporter-elk/dist/bench/elk.bench.js`
 * (BENCH_RECORDS, default 50,000; window mode
 * sends at most 20,000 — its rate is bounded by the confirmation window, and a case should take seconds). Local sinks on 127.0.0.1 in this process (the test helpers).
 */
import { loadConfig } from '@meridian/config';
import { createElasticsearchExporter, createLogstashExporter, toEcs } from '../src/index.js';
import { BulkServer } from '@meridian/testing';
import { JsonLinesServer } from '../test/helpers/json-lines-server.js';
import { record, until } from '../test/helpers/records.js';
import { guards, transportFor } from '../test/helpers/setup.js';
import { acceptedLine } from '../src/internal/line-keys.js';
import type { Exporter } from '@meridian/transport';

const N = Number(process.env.BENCH_RECORDS ?? 50_000);
const records = Array.from({ length: N }, (_, i) => record(i));

function benchToEcs(): void {
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    const t = process.hrtime.bigint();
    for (const r of records) sink += JSON.stringify(toEcs(r.line, { time: r.time, level: r.level })).length;
    const ns = Number(process.hrtime.bigint() - t) / N;
    console.log(`toEcs + JSON.stringify, ${records[0]!.line.length} B line: ${(ns / 1000).toFixed(2)} µs/record (round ${round + 1})`);
  }
  if (sink === 0) console.log('');
}

/** The `meridian` Logstash format: the key check that keeps Elasticsearch from refusing a line, against plain concatenation. */
function benchMeridianFormat(): void {
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    let t = process.hrtime.bigint();
    for (const r of records) sink += (r.line + '\n').length;
    const plain = Number(process.hrtime.bigint() - t) / N;
    t = process.hrtime.bigint();
    for (const r of records) sink += (acceptedLine(r.line) + '\n').length;
    const checked = Number(process.hrtime.bigint() - t) / N;
    console.log(
      `meridian format, ${records[0]!.line.length} B line: as logged ${(plain / 1000).toFixed(3)} µs/record, with the key check ${(checked / 1000).toFixed(3)} µs/record (round ${round + 1})`,
    );
  }
  if (sink === 0) console.log('');
}

async function deliver(label: string, exporter: Exporter, done: () => number, n = N): Promise<void> {
  const transport = transportFor(exporter, { batchMaxRecords: 1000, batchDelayMs: 20, queueMaxRecords: n });
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) transport.write(records[i]!);
  await transport.flush({ timeoutMs: 120_000 });
  await until(() => done() >= n, 30_000, label);
  const ms = performance.now() - t;
  const c = process.cpuUsage(cpu);
  if (transport.getStats().droppedTotal > 0) throw new Error(`${label}: records dropped`);
  console.log(
    `${label}: ${n.toLocaleString('en-US')} records, ${Math.round(n / (ms / 1000)).toLocaleString('en-US')} records/s, ${((c.user + c.system) / n).toFixed(1)} µs CPU/record (whole process, sink included)`,
  );
  await transport.close();
}

async function main(): Promise<void> {
  benchToEcs();
  benchMeridianFormat();
  if (process.env.BENCH_ENCODE_ONLY === '1') return;
  const cfg = loadConfig({});
  for (const delivery of ['close', 'window'] as const) {
    const s = await new JsonLinesServer().start();
    await deliver(
      `logstash tcp, ${delivery} mode`,
      createLogstashExporter({ url: s.url, config: cfg, guards: guards(), delivery }),
      () => s.lines.length,
      delivery === 'window' ? Math.min(N, 20_000) : N,
    );
    await s.stop();
  }
  const es = await new BulkServer().start();
  await deliver(
    'elasticsearch _bulk, gzip level 3',
    createElasticsearchExporter({ url: es.url, config: cfg, guards: guards(), service: 'bench' }),
    () => es.stored.size,
  );
  await es.stop();
}

await main();
