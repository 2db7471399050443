/**
 * spanToEcs cost per span, and JSON bytes per document (what _bulk sends):
 *   npx tsc -b packages/exporter-elk && node packages/exporter-elk/dist/bench/span-ecs.bench.js
 * BENCH_SPANS (default 100,000) spans per round, best of 5 rounds.
 */
import { spanToEcs } from '../src/index.js';
import { threeSpanTrace } from '../test/helpers/spans.js';

const N = Number(process.env.BENCH_SPANS ?? 100_000);
const [client, server, internal] = threeSpanTrace();
for (const [name, s] of [
  ['SERVER span → transaction', server!],
  ['CLIENT http span → span', client!],
  ['INTERNAL span → span', internal!],
] as const) {
  let best = Infinity;
  let bytes = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) bytes = JSON.stringify(spanToEcs(s)).length;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e3 / N);
  }
  console.log(`node ${process.version} | ${name} | ${best.toFixed(2)} µs/span (spanToEcs + JSON.stringify) | ${bytes} bytes`);
}
