/**
 * Two figures: the CPU cost of cutting a transport batch into PutLogEvents calls (sort, measure,
 * split), and end-to-end throughput through the real AWS SDK to the local wire-protocol server.
 * Run: npx tsc -b packages/exporter-cloudwatch && node packages/exporter-cloudwatch/dist/bench/cloudwatch.bench.js
 */
import { loadConfig } from '@meridian/config';
import { createTransport, type LogEntry } from '@meridian/transport';
import { createCloudWatchExporter } from '../src/index.js';
import { planPuts } from '../src/internal/plan.js';
import { startFakeCloudWatch } from '../test/helpers/fake-cloudwatch.js';
import { entry } from '../test/helpers/setup.js';

const now = Date.now();
const batch: LogEntry[] = [];
for (let i = 0; i < 10_000; i++) {
  batch.push(
    entry(now - ((i * 7919) % 600_000), 'info', `payment ${i} captured`, {
      seq: i,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      amount: i * 3,
    }),
  );
}
const lineBytes = batch.reduce((n, e) => n + e.line.length, 0);

// 1. planning a full 10,000-record batch
for (let i = 0; i < 5; i++) planPuts(batch, () => 0, 1);
const rounds = 40;
let t = performance.now();
let puts = 0;
for (let i = 0; i < rounds; i++) puts += planPuts(batch, () => 0, 1).puts.length;
const planMs = (performance.now() - t) / rounds;
console.log(`plan: 10,000 records (${(lineBytes / 1e6).toFixed(2)} MB of lines) → ${puts / rounds} puts in ${planMs.toFixed(2)} ms per batch`);

// 2. end to end: 100,000 records through transport + SDK to the local server
const server = await startFakeCloudWatch();
process.env.AWS_EC2_METADATA_DISABLED = 'true';
const config = loadConfig({ MERIDIAN_CLOUDWATCH_LOG_GROUP: '/bench', AWS_REGION: 'eu-central-1', AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: server.url });
const exporter = createCloudWatchExporter({ config, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const transport = createTransport({
  exporter,
  config,
  compression: 'none',
  batchMaxRecords: 10_000,
  queueMaxRecords: 200_000,
  queueMaxBytes: 256 * 1024 * 1024,
});
t = performance.now();
for (let r = 0; r < 10; r++) for (const e of batch) transport.write(e);
await transport.flush({ timeoutMs: 60_000 });
const ms = performance.now() - t;
const stats = transport.getStats();
await transport.close();
await server.stop();
console.log(
  `end to end: ${stats.sent} records in ${ms.toFixed(0)} ms (${Math.round(stats.sent / (ms / 1000)).toLocaleString('en-US')} records/s), ${exporter.stats().puts} PutLogEvents, dropped ${stats.droppedTotal}`,
);
