import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { request as namedRequest } from 'node:http';
import net from 'node:net';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { instrumentOutbound, outboundState, uninstrumentOutbound } from '../src/index.js';
import { close, listen, startTestTracing, TRACEPARENT, type TestTracing } from './helpers.js';

function httpCall(fn: typeof http.request, url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = fn(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('outbound propagation', () => {
  let tracing: TestTracing;
  let server: http.Server;
  let base: string;
  const received: { path: string; traceparent: string | undefined; tracestate: string | undefined; baggage: string | undefined }[] = [];

  before(async () => {
    tracing = startTestTracing();
    server = http.createServer((req, res) => {
      received.push({
        path: req.url ?? '',
        traceparent: req.headers.traceparent as string | undefined,
        tracestate: req.headers.tracestate as string | undefined,
        baggage: req.headers.baggage as string | undefined,
      });
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('ok');
    });
    base = await listen(server);
    const state = instrumentOutbound({ enabled: true });
    assert.equal(state.fetch, 'diagnostics_channel');
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 24) assert.equal(state.http, 'diagnostics_channel');
    if (major === 20) assert.equal(state.http, 'patched');
  });
  after(async () => {
    uninstrumentOutbound();
    await close(server);
    await tracing.handle.shutdown();
  });
  beforeEach(async () => {
    await tracing.reset();
    received.length = 0;
  });

  async function inParent<T>(fn: () => Promise<T>): Promise<{ result: T; traceId: string; spanId: string }> {
    const parent = trace.getTracer('test').startSpan('parent');
    const result = await context.with(trace.setSpan(context.active(), parent), fn);
    parent.end();
    return { result, traceId: parent.spanContext().traceId, spanId: parent.spanContext().spanId };
  }

  for (const [name, call] of [
    [
      'fetch',
      (url: string) =>
        fetch(url).then(async (r) => {
          await r.text();
          return r.status;
        }),
    ],
    ['http.request', (url: string) => httpCall(http.request, url)],
    ['http.get', (url: string) => httpGet(url)],
    ['named ESM import of request', (url: string) => httpCall(namedRequest, url)],
  ] as const) {
    test(`${name}: CLIENT span child of the active span, traceparent injected from it`, async () => {
      const { result, traceId, spanId } = await inParent(() => call(`${base}/x?q=1`));
      assert.equal(result, 200);
      const spans = await tracing.spans();
      const client = spans.find((s) => s.kind === SpanKind.CLIENT)!;
      assert.ok(client, 'a CLIENT span');
      assert.equal(client.spanContext().traceId, traceId);
      assert.equal(client.parentSpanContext?.spanId, spanId);
      assert.equal(client.name, 'GET');
      assert.equal(client.attributes['http.request.method'], 'GET');
      assert.equal(client.attributes['url.full'], `${base}/x?q=1`);
      assert.equal(client.attributes['server.address'], '127.0.0.1');
      assert.equal(client.attributes['server.port'], Number(new URL(base).port));
      assert.equal(client.attributes['http.response.status_code'], 200);
      assert.equal(received.length, 1);
      const m = TRACEPARENT.exec(received[0].traceparent ?? '');
      assert.ok(m, `traceparent received: ${received[0].traceparent}`);
      assert.equal(m[1], traceId);
      assert.equal(m[2], client.spanContext().spanId);
    });
  }

  test('4xx responses and connection errors mark the CLIENT span as ERROR', async () => {
    await inParent(async () => {
      await (await fetch(`${base}/missing`)).text();
      const port = await closedPort();
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
      await assert.rejects(httpCall(http.request, `http://127.0.0.1:${port}/`));
    });
    // A refused http.request emits 'error' before 'close'; its span ends on 'close', a tick later.
    let clients = (await tracing.spans()).filter((s) => s.kind === SpanKind.CLIENT);
    for (let i = 0; i < 100 && clients.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
      clients = (await tracing.spans()).filter((s) => s.kind === SpanKind.CLIENT);
    }
    assert.equal(clients.length, 3);
    for (const s of clients) assert.equal(s.status.code, SpanStatusCode.ERROR);
    assert.equal(clients.find((s) => s.attributes['http.response.status_code'] === 404)?.attributes['error.type'], '404');
    assert.equal(clients.filter((s) => s.events.some((e) => e.name === 'exception')).length, 2);
  });

  test('no span and no header while tracing is suppressed (exporters) or for excluded URLs', async () => {
    await context.with(suppressTracing(context.active()), async () => {
      await (await fetch(`${base}/a`)).text();
      await httpCall(http.request, `${base}/b`);
    });
    uninstrumentOutbound();
    instrumentOutbound({ enabled: true, excludeUrls: [`${base}/otlp`] });
    await inParent(async () => {
      await (await fetch(`${base}/otlp/v1/traces`)).text();
      await httpCall(http.request, `${base}/otlp/v1/traces`);
    });
    assert.deepEqual(
      received.map((r) => r.traceparent),
      [undefined, undefined, undefined, undefined],
    );
    assert.equal((await tracing.spans()).filter((s) => s.kind === SpanKind.CLIENT).length, 0);
  });

  test('a traceparent set by the caller is kept, never injected twice', async () => {
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    await inParent(async () => {
      await (await fetch(`${base}/a`, { headers: { traceparent: own } })).text();
      await httpCall(http.request, `${base}/b`, { traceparent: own });
    });
    assert.deepEqual(
      received.map((r) => r.traceparent),
      [own, own],
    );
  });

  test('idempotent; uninstrumentOutbound restores the original functions', async () => {
    const before = outboundState();
    assert.equal(instrumentOutbound({ enabled: true }), before);
    uninstrumentOutbound();
    assert.deepEqual(outboundState(), { fetch: false, http: false });
    assert.equal(http.request.name, 'request');
    await inParent(async () => {
      await (await fetch(`${base}/a`)).text();
      await httpCall(http.request, `${base}/b`);
    });
    assert.deepEqual(
      received.map((r) => r.traceparent),
      [undefined, undefined],
    );
    instrumentOutbound({ enabled: true });
  });

  test('without an active span the request still starts a trace (root CLIENT span)', async () => {
    await (await fetch(`${base}/a`)).text();
    const [client] = await tracing.spans();
    assert.equal(client.kind, SpanKind.CLIENT);
    assert.equal(client.parentSpanContext, undefined);
    assert.equal(TRACEPARENT.exec(received[0].traceparent ?? '')?.[1], client.spanContext().traceId);
  });
});
