/**
 * Timings for the adversarial inputs of test/linear-time.test.ts (the test counts work; timings live
 * here, where a loaded machine cannot turn a build red): CPU nanoseconds per character at 50 KB,
 * 250 KB and 1 MB, and the ratio 1 MB / 250 KB (1.0 = linear). Between ~100 and ~200 KB the cost per
 * character steps up once for the escape-heavy units (measured: flat from 200 KB to 2 MB; the decoded
 * view's offset arrays and the findings outgrow the caches), so the ratio is taken above that step.
 * `pnpm --dir packages/redact run bench:linear`.
 */
import { loadConfig } from '@meridian/config';
import os from 'node:os';
import { createRedactor } from '../src/index.js';

const r = createRedactor({ config: loadConfig({}), enabled: true, mode: 'mask' });

const UNITS = [
  '4111 ',
  '+44 20 7946 0958 ',
  'a@',
  'x@y.com ',
  'ip:2001:db8::1:443 ',
  'password=',
  ';Password=a b',
  '--password ',
  'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ',
  'Bearer a=',
  'Chrome/1.1.1.1 ',
  '/4111111111111111',
  '%41',
  '%2525',
  '4111+1111+',
  '\\n4111111111111111',
  '\\x224111111111111111\\x22',
  '\\xE5\\xBC\\xA0',
];

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Median CPU ns per character of `runs` redactions of `s` (after 2 warm-up runs: JIT tiers, heap growth). */
function perChar(s: string, runs: number): number {
  r.redact(s);
  r.redact(s);
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuNs();
    r.redact(s);
    ts.push((cpuNs() - t) / s.length);
  }
  ts.sort((a, b) => a - b);
  return ts[runs >> 1]!;
}

console.log(
  `node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores; CPU ns per character, median of 5 (1 MB: of 3)`,
);
console.log('unit'.padEnd(60) + '50 KB'.padStart(8) + '250 KB'.padStart(8) + '1 MB'.padStart(8) + 'ratio'.padStart(8));
for (const unit of UNITS) {
  const tiny = unit.repeat(Math.ceil(50_000 / unit.length));
  const small = tiny.repeat(5);
  const big = small.repeat(4);
  perChar(big, 1); // all sizes compiled and the heap grown before any is measured
  const t = perChar(tiny, 5);
  const a = perChar(small, 5);
  const b = perChar(big, 3);
  console.log(
    JSON.stringify(unit).slice(0, 58).padEnd(60) +
      t.toFixed(0).padStart(8) +
      a.toFixed(0).padStart(8) +
      b.toFixed(0).padStart(8) +
      (b / a).toFixed(2).padStart(8),
  );
}
