/**
 * Summarise V8 CPU profiles (`--cpu-prof`) of the bench servers: self time by function and by file,
 * as a share of the sampled time and in µs per request.
 *   BENCH_CASES=fastify-meridian BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=prof" node packages/express/dist/bench/http.bench.js
 *   node packages/express/dist/bench/profile-summary.js prof/<file>.cpuprofile [requests] [top]
 * With `requests` (how many the profiled process served: warm-up + measured, from the bench output)
 * the table also shows µs per request.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, requestsArg, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: profile-summary.js <file.cpuprofile> [requests] [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const requests = requestsArg === undefined ? undefined : Number(requestsArg);
const top = Number(topArg ?? 40);

const byId = new Map<number, ProfileNode>();
for (const n of profile.nodes) byId.set(n.id, n);
// PROFILE_LAST_MS=3600: only the samples of the profile's last 3.6 s (the bench's measured run and
// drain; leaves out start-up and warm-up).
const lastMs = Number(process.env.PROFILE_LAST_MS ?? Infinity);
const sampleTimes: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) sampleTimes.push((t += d));
const cutoff = profile.endTime - lastMs * 1000;
const selfUs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  if (sampleTimes[i] < cutoff) continue;
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

function shortUrl(url: string): string {
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const p = url.indexOf('/packages/');
  if (p >= 0) return url.slice(p + 1);
  return url.replace(/^file:\/\//, '');
}

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const cf = byId.get(id)!.callFrame;
  total += us;
  if (cf.functionName === '(idle)') {
    idle += us;
    continue;
  }
  const where = shortUrl(cf.url);
  const fn = `${cf.functionName || '(anonymous)'} ${where}${where === '' ? '' : ':' + (cf.lineNumber + 1)}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const f = where === '' ? cf.functionName : where;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
const busy = total - idle;

function print(title: string, m: Map<string, number>): void {
  console.log(`\n${title}`);
  console.log(`| self ms | % of busy |${requests === undefined ? '' : ' µs/req |'} where |`);
  console.log(`|---:|---:|${requests === undefined ? '' : '---:|'}---|`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const per = requests === undefined ? '' : ` ${(us / requests).toFixed(2)} |`;
    console.log(`| ${(us / 1000).toFixed(1)} | ${((100 * us) / busy).toFixed(1)} |${per} ${k} |`);
  }
}

console.log(
  `${file}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled${requests === undefined ? '' : `, ${(busy / requests).toFixed(1)} µs busy per request`}`,
);
print('by function', byFunction);
print('by file', byFile);

// `PROFILE_CALLERS=name`: who calls the functions named `name` (self time by caller chain, 4 frames up).
const wanted = process.env.PROFILE_CALLERS;
if (wanted !== undefined) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName !== wanted) continue;
    const names: string[] = [];
    let p = parent.get(id);
    for (let i = 0; i < 6 && p !== undefined; i++, p = parent.get(p)) {
      const cf = byId.get(p)!.callFrame;
      names.push(`${cf.functionName || '(anon)'}@${shortUrl(cf.url).split('/').pop()}:${cf.lineNumber + 1}`);
    }
    const key = names.join(' < ');
    chains.set(key, (chains.get(key) ?? 0) + us);
  }
  console.log(`\ncallers of ${wanted}`);
  for (const [k, us] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(us / 1000).toFixed(1)} ms  ${k}`);
}
