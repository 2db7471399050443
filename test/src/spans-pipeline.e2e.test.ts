// End-to-end (issue 12): spans travel Meridian's transport. A protobuf-only collector receives
// every span; spans ended while the collector is down survive a restart through the spool; without a
// spool the drops are counted exactly and said once; failover to a secondary collector and back.
// Real child processes (--import @meridian/node/register) and real loopback collectors.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '@meridian/config';
import { decodeOtlpTraces, startDevCollector, type DevSpan } from '@meridian/devtools';
import { startTracing } from '@meridian/tracing';
import { collectOutput, freePort } from '@meridian/testing';

const app = fileURLToPath(new URL('../fixtures/spans-app.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'meridian-spans-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stderr: string;
}

async function run(env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', '@meridian/node/register', app], {
    cwd,
    env: { PATH: process.env.PATH ?? '', OTEL_SERVICE_NAME: 'spans-e2e', MERIDIAN_LOG_EXPORTERS: 'console', MERIDIAN_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const out = collectOutput(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr: out.stderr };
}

/** A collector that takes only OTLP/HTTP protobuf (415 for anything else), gzip or not, and keeps the spans. */
async function protobufOnlyCollector(): Promise<{ url: string; spans: DevSpan[]; refused: number; gzipped: number; close(): Promise<void> }> {
  const state = { spans: [] as DevSpan[], refused: 0, gzipped: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['content-type'] !== 'application/x-protobuf') {
        state.refused++;
        res.writeHead(415).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') {
        state.gzipped++;
        body = gunzipSync(body);
      }
      state.spans.push(...decodeOtlpTraces(body));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get spans() {
      return state.spans;
    },
    get refused() {
      return state.refused;
    },
    get gzipped() {
      return state.gzipped;
    },
    close: () => close(server),
  };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

function names(spans: DevSpan[]): Set<string> {
  return new Set(spans.map((s) => s.name));
}

test('a collector that accepts only protobuf receives every span, gzipped, with the service resource', { timeout: 60_000 }, async () => {
  const collector = await protobufOnlyCollector();
  try {
    const r = await run({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, SPANS: '300', EXIT: 'shutdown' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(collector.refused, 0, 'nothing was sent as JSON');
    assert.equal(collector.spans.length, 300);
    assert.equal(names(collector.spans).size, 300);
    assert.ok(collector.gzipped > 0);
    assert.ok(collector.spans.every((s) => s.resource['service.name'] === 'spans-e2e' && s.scope.name === 'spans-app' && s.scope.version === '1.0.0'));
    assert.doesNotMatch(r.stderr, /MERIDIAN_ERR_/);
  } finally {
    await collector.close();
  }
});

test(
  'spans ended while the collector is down are spooled at shutdown (at once, not after a timeout) and all arrive after a restart',
  { timeout: 60_000 },
  async () => {
    const spool = mkdtempSync(join(scratch, 'spool-'));
    const down = `http://127.0.0.1:${await freePort()}`;
    const env = { MERIDIAN_SPOOL_DIR: spool, OTEL_BSP_MAX_QUEUE_SIZE: '100' };
    const first = await run({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: down, SPANS: '500', EXIT: 'shutdown' });
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stderr, /MERIDIAN_ERR_RECORDS_DROPPED/, 'nothing dropped: the queue bound (100) spilled to the spool');
    assert.equal(
      first.stderr.split('\n').filter((l) => l.includes('MERIDIAN_ERR_DESTINATION_UNREACHABLE')).length,
      1,
      `the outage is said once: ${first.stderr}`,
    );
    assert.doesNotMatch(first.stderr, /MERIDIAN_ERR_SHUTDOWN_TIMEOUT/, 'shutdown did not wait out its deadline');
    assert.ok(
      readdirSync(spool).some((f) => f.startsWith('otlp-spans.')),
      `spool files: ${readdirSync(spool).join(', ')}`,
    );

    const collector = await startDevCollector({ port: 0 });
    try {
      const next = await run({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, SPANS: '0', EXIT: 'shutdown' });
      assert.equal(next.code, 0, next.stderr);
      const got = names(collector.spans());
      assert.equal(got.size, 500, `distinct spans after the restart: ${got.size}`);
      for (let i = 0; i < 500; i += 97) assert.ok(got.has(`op ${i}`));
    } finally {
      await collector.close();
    }
  },
);

test('without a spool, spans beyond the queue bound are dropped and counted exactly, and said once with the count', { timeout: 60_000 }, async () => {
  const down = `http://127.0.0.1:${await freePort()}`;
  const r = await run({ OTEL_EXPORTER_OTLP_ENDPOINT: down, OTEL_BSP_MAX_QUEUE_SIZE: '100', SPANS: '500', EXIT: 'shutdown' });
  assert.equal(r.code, 0, r.stderr);
  const summary = r.stderr.split('\n').filter((l) => l.includes('lost'));
  assert.equal(summary.length, 1, r.stderr);
  assert.match(
    summary[0]!,
    /MERIDIAN_ERR_RECORDS_DROPPED: exporter "otlp-spans" lost 500 records in this process, counted by reason \(queue_full: 400, shutdown: 100\)/,
  );
});

test('failover: primary collector down → spans reach the secondary; primary back → spans return to it', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const secondary = await startDevCollector({ port: 0 });
  let primary: Awaited<ReturnType<typeof startDevCollector>> | undefined;
  const tracing = startTracing({
    config: loadConfig({
      OTEL_SERVICE_NAME: 'failover-e2e',
      MERIDIAN_OTLP_TRACES_ENDPOINTS: `http://127.0.0.1:${port}/v1/traces,${secondary.url}/v1/traces`,
      MERIDIAN_OTLP_TRACES_FAILBACK_MS: '100',
    }),
  });
  try {
    for (let i = 0; i < 20; i++) tracing.tracer().startSpan(`while down ${i}`).end();
    assert.equal(await tracing.forceFlush(), 'done');
    assert.equal(names(secondary.spans()).size, 20, 'the secondary took every span while the primary was down');

    primary = await startDevCollector({ port });
    // the primary is probed once the failback interval (100 ms) has passed since it failed
    await new Promise((r) => setTimeout(r, 150));
    for (let i = 0; i < 20; i++) tracing.tracer().startSpan(`after ${i}`).end();
    assert.equal(await tracing.forceFlush(), 'done');
    assert.equal(names(primary.spans()).size, 20, 'spans went back to the primary');
    assert.equal(secondary.spans().filter((s) => s.name.startsWith('after')).length, 0);
  } finally {
    await tracing.shutdown();
    await secondary.close();
    await primary?.close();
  }
});
