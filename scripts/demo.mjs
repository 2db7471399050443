// `pnpm demo`: the quick-start service on the embedded default (logs to stdout, spans to the
// console exporter switched off to keep the output readable), driven by a few requests.
// Exits 0 when every line is UTC, JSON and trace-tagged as expected; non-zero otherwise.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../examples/quickstart/', import.meta.url));
const child = spawn(process.execPath, ['--import', '@meridian/node/register', 'dist/server.js'], {
  cwd: dir,
  env: { ...process.env, OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME ?? 'quickstart', OTEL_TRACES_EXPORTER: 'none' },
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
let out = '';
child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
const exited = once(child, 'exit');
const fail = (msg) => { console.error(`demo: FAILED: ${msg}`); child.kill('SIGKILL'); process.exit(1); };
const timer = setTimeout(() => fail('no answer within 20 s'), 20_000);

const [{ port }] = await Promise.race([once(child, 'message'), exited.then(() => fail('service exited early'))]);
for (const path of ['/hello', '/orders/42', '/fail']) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-request-id': `demo${path.replace(/\//g, '-')}` } });
  await res.text();
}
child.kill('SIGTERM');
await exited;
clearTimeout(timer);

const lines = out.split('\n').filter(Boolean);
console.log(`demo: the quick-start service wrote ${lines.length} lines (TZ on this host: ${Intl.DateTimeFormat().resolvedOptions().timeZone}):\n`);
for (const l of lines) console.log('  ' + l);
const parsed = lines.map((l) => { try { return JSON.parse(l); } catch { return fail(`not JSON: ${l}`); } });
for (const p of parsed) if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(p.timestamp)) fail(`not a UTC timestamp: ${p.timestamp}`);
const handled = parsed.filter((p) => p.message === 'handling request');
if (handled.length !== 3) fail(`expected 3 request lines, saw ${handled.length}`);
for (const p of handled) if (!/^[0-9a-f]{32}$/.test(p.trace_id ?? '') || !p.request_id) fail(`request line without trace or context: ${JSON.stringify(p)}`);
const err = parsed.find((p) => p.level === 'error');
if (!err || err.error?.cause?.message !== 'card expired') fail('the failed request did not log its error with its cause');
console.log('\ndemo: OK — every line is JSON, UTC (Z), and every request line carries its trace_id, span_id and request_id.');
