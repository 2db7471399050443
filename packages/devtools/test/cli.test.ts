import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { span, traceRequest } from './helpers/proto-writer.js';

const BIN = fileURLToPath(new URL('../../bin/meridian-dev-collector.js', import.meta.url));
const TRACE = '7d3f1e0c2b4a59687d3f1e0c2b4a5968';

function runCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = async (re: RegExp, ms = 10_000): Promise<RegExpExecArray> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(stdout);
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, exited, until, out: () => stdout, err: () => stderr };
}

test('CLI: --port 0 prints the real URL, a waterfall per quiet trace, log lines, and the HTML report on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-devtools-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const report = join(dir, 'report.html');
  const cli = runCli(['--port', '0', '--html', report, '--quiet-ms', '200', '--no-color']);
  t.after(() => {
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  const [, url, port] = await cli.until(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
  assert.notEqual(Number(port), 0);

  const body = traceRequest('cli-service', [
    span({ traceId: TRACE, spanId: '1111111111111111', name: 'GET /cli', startNs: 1_795_237_833_000_000_000n, endNs: 1_795_237_833_042_000_000n }),
  ]);
  const res = await fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  const line = JSON.stringify({
    timestamp: '2026-11-21T05:10:33.010Z',
    level: 'info',
    message: 'handled <cli> request',
    service: 'cli-service',
    trace_id: TRACE,
    span_id: '1111111111111111',
  });
  const lr = await fetch(`${url}/v1/ndjson`, { method: 'POST', body: line, headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(lr.status, 200);
  await lr.arrayBuffer();

  await cli.until(/\[cli-service\] 2026-11-21T05:10:33\.010Z INFO  handled <cli> request  trace=7d3f/);
  await cli.until(new RegExp(`trace ${TRACE}  2026-11-21T05:10:33\\.000Z  42\\.00 ms  1 span  services: cli-service`));
  await cli.until(/cli-service\s+GET \/cli \(server\)\s+\|█+\|\s+42\.00 ms\n\s+2026-11-21T05:10:33\.010Z INFO  handled <cli> request/);

  cli.child.kill('SIGTERM');
  assert.equal(await cli.exited, 0, `exit code 0; stderr: ${cli.err()}`);
  assert.match(cli.out(), new RegExp(`wrote HTML report to ${report.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(cli.out(), /SIGTERM: stopping; received 1 spans, 1 log records/);
  const html = readFileSync(report, 'utf8');
  assert.match(html, /GET \/cli/);
  assert.match(html, /handled &lt;cli&gt; request/);
  assert.match(html, /42\.00 ms/);
});

test('CLI: a bad --port is refused with the accepted range, exit code 2', async () => {
  const cli = runCli(['--port', 'http']);
  assert.equal(await cli.exited, 2);
  assert.match(cli.err(), /MERIDIAN_ERR_DEVTOOLS_ARGS: --port "http" is not valid; accepted: an integer from 0 to 65535/);
});
