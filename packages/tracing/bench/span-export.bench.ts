/**
 * Recording + encoding + exporting one span: CPU µs per span, process-wide (process.cpuUsage: every
 * thread, gzip on the libuv pool included) and on the serving thread alone (process.threadCpuUsage),
 * over N HTTP-server-shaped spans (SERVER kind, 10 attributes, status code set at the end) from the
 * same tracer provider `startTracing()` builds (Meridian's id generator and sampler, the redacting
 * processor). The measured time covers starting, ending, encoding, batching, compressing and handing
 * the spans to the exporter, up to the end of a forceFlush(). Spans come 50 per event-loop turn (a 1 ms
 * timer between), as between requests of a server: the transport batches and compresses while spans
 * keep coming, and caches are not kept warm by a tight loop (a tight loop measures about half).
 *   npx tsc -b packages/tracing && npx -y node@24 packages/tracing/dist/bench/span-export.bench.js
 * Cases, each in its own process (the tracer provider is global):
 * - meridian, null send: OTLP/protobuf entries on Meridian's transport (gzip), the exporter's `send`
 *   answering ok at once — the serving thread's share of the pipeline.
 * - meridian → loopback: the same with the real OTLP sender posting to a receiver in another process.
 * - stock → loopback: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json — the SDK BatchSpanProcessor and
 *   @opentelemetry/exporter-trace-otlp-http (JSON), gzip, to the same receiver.
 * - recording only: OTEL_TRACES_EXPORTER=none (start + attributes + end, no export).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SpanKind, type Tracer } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '@meridian/config';
import { createOtlpSpanExporter } from '@meridian/exporter-otlp';
import { createTransport, type ItemExporter, type QueueEntry } from '@meridian/transport';
import { startTracing, addSpanProcessor, buildResource } from '../src/index.js';
import { TransportSpanProcessor } from '../src/internal/transport-span-processor.js';

/** The serving thread's CPU time (Node ≥ 22.x / 23.9; zeros where missing, then the column reads 0). */
const threadCpuUsage = (prev?: NodeJS.CpuUsage): NodeJS.CpuUsage => {
  const f = (process as unknown as { threadCpuUsage?: (p?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage;
  return f === undefined ? { user: 0, system: 0 } : f.call(process, prev);
};

const N = Number(process.env.BENCH_SPANS ?? 50_000);
const WARMUP = 10_000;
/** Spans per timer tick: ≤ 50 per ms (≤ 50,000 spans/s), a pace the export pipeline keeps up with (no drops). */
const CHUNK = 50;
const CASES = ['meridian, null send', 'meridian → loopback', 'stock → loopback', 'recording only'] as const;
type Case = (typeof CASES)[number];

function spansOf(tracer: Tracer, n: number): void {
  for (let i = 0; i < n; i++) {
    const span = tracer.startSpan('GET /hello/:name', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'url.path': '/hello/world',
        'url.scheme': 'http',
        'network.protocol.version': '1.1',
        'server.address': '127.0.0.1',
        'server.port': 3000,
        'client.address': '127.0.0.1',
        'user_agent.original': 'autocannon',
        'http.route': '/hello/:name',
      },
    });
    span.setAttribute('http.response.status_code', 200);
    span.end();
  }
}

/** Spans in chunks, the event loop turning between them (as between requests), then a flush. */
async function drive(tracer: Tracer, n: number, flush: () => Promise<unknown>): Promise<void> {
  for (let done = 0; done < n; done += CHUNK) {
    spansOf(tracer, CHUNK);
    await new Promise((r) => setTimeout(r, 1));
  }
  await flush();
}

async function runCase(name: Case, receiver: string): Promise<{ all: number; main: number }> {
  const env: Record<string, string> = {
    OTEL_SERVICE_NAME: 'bench',
    NODE_ENV: 'production',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver,
    OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
  };
  if (name === 'stock → loopback') env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/json';
  if (name === 'recording only' || name === 'meridian, null send') env.OTEL_TRACES_EXPORTER = 'none';
  const config = loadConfig(env);
  let flushExtra: () => Promise<unknown> = () => Promise.resolve();
  if (name === 'meridian, null send') {
    // The OTLP span exporter with its network send replaced by an immediate ok: toEntry, batching,
    // the batch's encode and gzip run as in production.
    const real = createOtlpSpanExporter({ config, resource: buildResource(config.service) });
    const exporter: ItemExporter<ReadableSpan> = { ...real, send: () => Promise.resolve({ outcome: 'ok' }) } as unknown as ItemExporter<ReadableSpan>;
    const transport = createTransport<QueueEntry>({ exporter, config, queueMaxRecords: 100_000, batchMaxRecords: 512, batchDelayMs: 5000, metrics: false });
    addSpanProcessor(new TransportSpanProcessor(transport, exporter));
    flushExtra = () => transport.flush();
  }
  const tracing = startTracing({ config, batch: { maxQueueSize: 100_000, maxExportBatchSize: 512 } });
  const tracer = tracing.tracer('@meridian/http');
  const flush = async (): Promise<void> => {
    await tracing.forceFlush();
    await flushExtra();
  };
  await drive(tracer, WARMUP, flush);
  const all0 = process.cpuUsage();
  const main0 = threadCpuUsage();
  await drive(tracer, N, flush);
  const all = process.cpuUsage(all0);
  const main = threadCpuUsage(main0);
  await tracing.shutdown();
  return { all: (all.user + all.system) / N, main: (main.user + main.system) / N };
}

/** A loopback OTLP receiver in its own process (its CPU is not the exporter's). */
function startReceiver(): Promise<{ url: string; stop: () => void }> {
  const code = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.setHeader('content-type', 'application/x-protobuf'); s.end(); }); })
    .listen(0, '127.0.0.1', function () { process.stdout.write('port ' + this.address().port + '\\n'); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (d: string) => resolve({ url: `http://127.0.0.1:${/port (\d+)/.exec(d)![1]}`, stop: () => child.kill() }));
  });
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === '--case') {
  const r = await runCase(process.argv[3] as Case, process.argv[4]);
  process.stdout.write(JSON.stringify(r));
  process.exit(0);
} else {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const receiver = await startReceiver();
  const results = new Map<Case, { all: number; main: number }[]>();
  for (let round = 0; round < rounds; round++) {
    for (const name of CASES) {
      const r = spawnSync(process.execPath, [self, '--case', name, receiver.url], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      // A dropped span was never encoded or sent: the figure would flatter the case.
      if (/DROPPED|dropped/.test(r.stderr)) throw new Error(`${name} dropped spans, its figure would not count them: ${r.stderr}`);
      results.set(name, [...(results.get(name) ?? []), JSON.parse(r.stdout) as { all: number; main: number }]);
    }
  }
  receiver.stop();
  const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  console.log(`node ${process.version}, ${N} spans per case, median of ${rounds} rounds (each case in its own process)\n`);
  console.log('| case | CPU µs/span (all threads) | serving thread µs/span |');
  console.log('|---|---:|---:|');
  for (const name of CASES) {
    const rs = results.get(name)!;
    console.log(`| ${name} | ${median(rs.map((r) => r.all)).toFixed(2)} | ${median(rs.map((r) => r.main)).toFixed(2)} |`);
  }
}
