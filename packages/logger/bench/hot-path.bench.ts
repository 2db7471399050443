/**
 * CPU time of one `logger.info(message, fields)` on the record → enrich → redact → route → queue road,
 * measured with process.cpuUsage (user + system), not wall time: on a shared machine CPU time per call
 * moves far less with the neighbours' load than records per second do. Inside an active span and a
 * request context; five fields; redaction on (the default).
 *   npx tsc -b packages/logger && node packages/logger/dist/bench/hot-path.bench.js
 * Cases: a no-op destination (the logger's own cost), stdout to /dev/null (+ the write), and a
 * transport with a null exporter (+ the queue, batching and the exporter's encode on the main thread).
 */
import { openSync } from 'node:fs';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { withContext } from '@meridian/context';
import { createTransport, type Exporter } from '@meridian/transport';
import { createLogger, createStdoutDestination, type Destination } from '../src/index.js';

const N = Number(process.env.BENCH_RECORDS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const fields = { user: 'u-12345', orderId: 42, amount: 99.95, ok: true, path: '/checkout/confirm' };

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = new BasicTracerProvider().getTracer('bench');

const noop: Destination = { write() {}, flush: async () => {}, close: async () => {} };
const nullExporter: Exporter = {
  name: 'null',
  network: false,
  encode: (records) => records.map((r) => r.line).join('\n'),
  send: async () => ({ outcome: 'ok' }),
};

function pause(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

async function cpuNsPerRecord(destination: Destination): Promise<number> {
  const log = createLogger({ destinations: [destination], service: 'bench', flushOnExit: false });
  const rounds: number[] = [];
  const span = tracer.startSpan('request');
  await context.with(trace.setSpan(context.active(), span), () =>
    withContext({ requestId: 'req-7' }, async () => {
      for (let r = 0; r < ROUNDS; r++) {
        const c0 = process.cpuUsage();
        for (let i = 0; i < N; i++) {
          log.info('payment accepted', fields);
          if (i % 1000 === 999) await pause();
        }
        await log.flush();
        const c = process.cpuUsage(c0);
        rounds.push(((c.user + c.system) * 1000) / N);
      }
    }),
  );
  span.end();
  await log.close();
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)]!;
}

const devnull = openSync('/dev/null', 'w');
console.log(`node ${process.version}, ${N} records x ${ROUNDS} rounds, CPU ns per logger.info (median)`);
console.log(`  no-op destination (the logger itself)          ${(await cpuNsPerRecord(noop)).toFixed(0)}`);
console.log(`  stdout destination to /dev/null                ${(await cpuNsPerRecord(createStdoutDestination({ fd: devnull }))).toFixed(0)}`);
console.log(
  `  transport, null exporter (queue + batches)     ${(await cpuNsPerRecord(createTransport({ exporter: nullExporter, batchDelayMs: 50, queueMaxRecords: 1_000_000, queueMaxBytes: 1e9 }))).toFixed(0)}`,
);
