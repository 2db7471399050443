// Micro-benchmark of the per-call cost of the context API. Run: npx tsc -b packages/context && node packages/context/dist/bench/context.bench.js
import { getContext, setContextField, withContext } from '../src/index.js';

function measure(name: string, iterations: number, fn: () => void): void {
  for (let i = 0; i < 10_000; i++) fn(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  console.log(`${name.padEnd(44)} ${ns.toFixed(1).padStart(8)} ns/op`);
}

const N = 1_000_000;
console.log(`node ${process.version}`);
measure('getContext() outside a scope', N, () => {
  getContext();
});
withContext({ requestId: 'r1', userId: 'u1' }, () => {
  measure('getContext() inside a scope', N, () => {
    getContext();
  });
  let i = 0;
  measure('setContextField() (changing value)', N / 4, () => {
    setContextField('n', i++);
  });
});
measure('withContext({2 fields}, syncFn)', N / 4, () => {
  withContext({ requestId: 'r1', userId: 'u1' }, getContext);
});
