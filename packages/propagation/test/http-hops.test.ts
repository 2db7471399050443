import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROOT_CONTEXT,
  SpanKind,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import { AlwaysOnSampler, BasicTracerProvider, InMemorySpanExporter, ParentBasedSampler, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { MeridianIdGenerator, RandomTraceFlagSampler, createMeridianPropagator } from '../src/index.js';

/**
 * Three services on loopback, as in the gateway (Hong Kong) -> Frankfurt -> Singapore path: each
 * extracts with the Meridian propagator, starts a server span, and calls the next hop with
 * injected headers. The last hop answers with the headers it received.
 */
interface Hop {
  server: Server;
  port: number;
}

function send(port: number, headers: Record<string, string | string[]>): Promise<IncomingHttpHeaders & { received?: IncomingHttpHeaders[] }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve(JSON.parse(body) as IncomingHttpHeaders & { received?: IncomingHttpHeaders[] }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startHop(tracer: Tracer, propagator: TextMapPropagator, next: number | undefined): Promise<Hop> {
  const server = createServer((req, res) => {
    const parent: Context = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    const span = tracer.startSpan('hop', { kind: SpanKind.SERVER }, parent);
    const ctx = trace.setSpan(parent, span);
    const reply = (trail: IncomingHttpHeaders[]): void => {
      span.end();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ received: [req.headers, ...trail] }));
    };
    if (next === undefined) {
      reply([]);
      return;
    }
    const out: Record<string, string> = {};
    propagator.inject(ctx, out, defaultTextMapSetter);
    send(next, out).then(
      (r) => reply(r.received ?? []),
      () => reply([]),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function withHops(fn: (entry: number, exporter: InMemorySpanExporter) => Promise<void>): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const ids = new MeridianIdGenerator();
  const provider = new BasicTracerProvider({
    idGenerator: ids,
    sampler: new RandomTraceFlagSampler(new ParentBasedSampler({ root: new AlwaysOnSampler() }), ids),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('hops');
  const propagator = createMeridianPropagator(['tracecontext', 'baggage']);
  const singapore = await startHop(tracer, propagator, undefined);
  const frankfurt = await startHop(tracer, propagator, singapore.port);
  const hongKong = await startHop(tracer, propagator, frankfurt.port);
  try {
    await fn(hongKong.port, exporter);
  } finally {
    for (const h of [hongKong, frankfurt, singapore]) await new Promise((r) => h.server.close(r));
    await provider.shutdown();
  }
}

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03';

test('http hops: one trace id, 03 flags, tracestate and baggage on every hop', async () => {
  await withHops(async (entry, exporter) => {
    const r = await send(entry, { traceparent: TP, tracestate: 'congo=t61rcWkgMzE', baggage: 'tenant=acme' });
    const [, toFrankfurt, toSingapore] = r.received!;
    for (const h of [toFrankfurt!, toSingapore!]) {
      assert.match(String(h.traceparent), /^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-03$/);
      assert.equal(h.tracestate, 'congo=t61rcWkgMzE');
      assert.equal(h.baggage, 'tenant=acme');
    }
    const spans = exporter.getFinishedSpans();
    assert.equal(spans.length, 3);
    assert.ok(spans.every((s) => s.spanContext().traceId === '0af7651916cd43dd8448eb211c80319c'));
  });
});

test('http hops: a request without traceparent starts a random trace kept on every hop', async () => {
  await withHops(async (entry) => {
    const r = await send(entry, {});
    const [, toFrankfurt, toSingapore] = r.received!;
    const traceId = String(toFrankfurt!.traceparent).slice(3, 35);
    assert.match(String(toFrankfurt!.traceparent), /-03$/);
    assert.equal(String(toSingapore!.traceparent).slice(3, 35), traceId);
    assert.match(String(toSingapore!.traceparent), /-03$/);
  });
});

test('http hops: two traceparent headers on the wire restart the trace (Node joins them with a comma)', async () => {
  await withHops(async (entry) => {
    const r = await send(entry, { traceparent: [TP, TP.replace('0af7', '1af7')], tracestate: 'congo=1' });
    const [atGateway, toFrankfurt] = r.received!;
    assert.match(String(atGateway!.traceparent), /, /, 'what the gateway received');
    assert.doesNotMatch(String(toFrankfurt!.traceparent), /0af7651916cd43dd8448eb211c80319c|1af7651916cd43dd8448eb211c80319c/);
    assert.equal(toFrankfurt!.tracestate, undefined, 'the old tracestate is not carried into the new trace');
  });
});
