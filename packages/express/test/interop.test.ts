import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SpanKind } from '@opentelemetry/api';
import express from 'express';
import { instrumentOutbound, uninstrumentOutbound } from '@meridian/http';
import { meridianExpress } from '../src/index.js';
import { close, collectingLogger, startTestTracing, until, type TestTracing } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/otel-service.cjs', import.meta.url));

interface OtelSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** Start the stock-OpenTelemetry service in a child process; resolves with its base URL. */
function startOtelService(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`otel service did not start: ${out}`)), 15000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.on('exit', (code) => reject(new Error(`otel service exited with ${code}: ${out}`)));
  });
}

describe('interop with a stock OpenTelemetry service (child process)', () => {
  let tracing: TestTracing;
  let otel: { child: ChildProcess; url: string };
  let server: Server;
  let ours = '';
  const { logger, records } = collectingLogger();

  before(async () => {
    tracing = startTestTracing();
    instrumentOutbound({ enabled: true });
    otel = await startOtelService();
    const app = express();
    app.use(meridianExpress({ logger }));
    app.get('/start', async (_req, res) => {
      const r = await fetch(`${otel.url}/hop?next=${encodeURIComponent(`${ours}/end`)}`);
      res.json(await r.json());
    });
    app.get('/end', (req, res) => {
      req.log.info('at the end');
      res.json({ from: 'meridian', received: req.headers.traceparent ?? null });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    ours = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    uninstrumentOutbound();
    otel.child.kill('SIGTERM');
    await close(server);
    await tracing.handle.shutdown();
  });

  test('Meridian → OpenTelemetry → Meridian keeps one trace id with correct parents', async () => {
    const res = await fetch(`${ours}/start`);
    const body = (await res.json()) as { from: string; next: { from: string } };
    assert.equal(body.from, 'otel');
    assert.equal(body.next.from, 'meridian');
    await until(() => records.filter((r) => r.status !== undefined).length === 2);
    const mine = await tracing.spans();
    uninstrumentOutbound(); // the next fetch is the test's own, not part of the trace
    const theirs = (await (await fetch(`${otel.url}/spans`)).json()) as OtelSpan[];

    const start = mine.find((s) => s.name === 'GET /start')!;
    const toOtel = mine.find((s) => s.kind === SpanKind.CLIENT && String(s.attributes['url.full']).includes('/hop'))!;
    const end = mine.find((s) => s.name === 'GET /end')!;
    const otelServer = theirs.find((s) => s.kind === SpanKind.SERVER)!;
    const otelClient = theirs.find((s) => s.kind === SpanKind.CLIENT)!;
    const traceId = start.spanContext().traceId;
    for (const s of [toOtel.spanContext().traceId, end.spanContext().traceId, otelServer.traceId, otelClient.traceId]) {
      assert.equal(s, traceId);
    }
    assert.equal(otelServer.parentSpanId, toOtel.spanContext().spanId, 'their server span is the child of our CLIENT span');
    assert.equal(otelClient.parentSpanId, otelServer.spanId);
    assert.equal(end.parentSpanContext?.spanId, otelClient.spanId, 'our server span is the child of their CLIENT span');
    assert.equal(records.find((r) => r.message === 'at the end')?.trace_id, traceId);
  });
});
