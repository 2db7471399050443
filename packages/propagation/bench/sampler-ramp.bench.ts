// Prints the adaptive sampler's behaviour over a simulated 10x traffic ramp as a Markdown table,
// then the worst 10-second window over ten seeds.
// Run: npx tsc -b packages/propagation && pnpm --dir packages/propagation run sampler-ramp [window seconds]
import { STANDARD_RAMP, simulateRamp } from './ramp-simulation.js';

const windowSeconds = Number(process.argv[2] ?? 30);
const rows = simulateRamp({ ...STANDARD_RAMP, windowSeconds });
const budget = STANDARD_RAMP.budget;
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
console.log(`budget ${budget}/s, floor ${STANDARD_RAMP.floor}, ${windowSeconds} s windows, Poisson arrivals, seed ${STANDARD_RAMP.seed}\n`);
console.log('| simulated time | offered roots/s | sampled roots/s | vs budget | effective probability |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.from}–${r.to} s | ${r.offeredPerSecond.toFixed(1)} | ${r.sampledPerSecond.toFixed(1)} | ${pct((r.sampledPerSecond - budget) / budget)} | ${((r.sampledPerSecond / r.offeredPerSecond) * 100).toFixed(1)}% |`,
  );
}

function summary(correction: number | undefined): string {
  let worst = 0;
  let sum = 0;
  let n = 0;
  for (let seed = 1; seed <= 10; seed++) {
    for (const r of simulateRamp({ ...STANDARD_RAMP, seed, windowSeconds: 10, correction }).slice(1)) {
      const e = Math.abs(r.sampledPerSecond - budget) / budget;
      worst = Math.max(worst, e);
      sum += e;
      n++;
    }
  }
  return `${n} ten-second windows after the first: mean |error| ${((sum / n) * 100).toFixed(1)}%, worst ${(worst * 100).toFixed(1)}%`;
}
console.log(`\nseeds 1-10, shortfall correction 0.5 (default): ${summary(undefined)}`);
console.log(`seeds 1-10, no shortfall correction:          ${summary(0)}`);
