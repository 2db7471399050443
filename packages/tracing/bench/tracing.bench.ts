// Cost of one span (start + end) through startTracing()'s pipeline, exporter discarding.
// Run: npx tsc -b packages/tracing && node packages/tracing/dist/bench/tracing.bench.js
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '@meridian/config';
import { withContext } from '@meridian/context';
import { startTracing } from '../src/index.js';

const discard: SpanExporter = {
  export: (_s: ReadableSpan[], cb: (r: ExportResult) => void) => cb({ code: ExportResultCode.SUCCESS }),
  shutdown: () => Promise.resolve(),
};

async function measure(name: string, env: Record<string, string>, iterations: number): Promise<void> {
  const t = startTracing({ config: loadConfig(env), exporter: discard, batch: { maxQueueSize: 100_000, maxExportBatchSize: 10_000 } });
  const tracer = t.tracer('bench');
  const run = (n: number) => {
    for (let i = 0; i < n; i++) tracer.startSpan('op', { attributes: { i } }).end();
  };
  run(10_000);
  await t.forceFlush();
  const start = process.hrtime.bigint();
  for (let done = 0; done < iterations; done += 10_000) {
    run(10_000);
    await t.forceFlush();
  }
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  console.log(`${name.padEnd(48)} ${ns.toFixed(0).padStart(7)} ns/span`);
  await t.shutdown();
}

console.log(`node ${process.version}`);
await measure('sampled (always_on), batch + discard exporter', { OTEL_TRACES_SAMPLER: 'always_on' }, 200_000);
await measure('not sampled (always_off)', { OTEL_TRACES_SAMPLER: 'always_off' }, 200_000);
await measure('OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }, 200_000);
await withContext({ requestId: 'r1' }, () => measure('sampled, inside withContext()', { OTEL_TRACES_SAMPLER: 'always_on' }, 200_000));
