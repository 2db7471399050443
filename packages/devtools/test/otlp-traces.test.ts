import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { context, SpanKind, SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startDevCollector, type DevCollector } from '../src/index.js';
import { traceExporter, type Protocol } from './helpers/exporters.js';

const T0: HrTime = [1_763_700_000, 100_000_000]; // 2025-11-21T04:40:00.100Z
const at = (ms: number): HrTime => [T0[0], T0[1] + ms * 1_000_000];

/** A server span with a client child that fails, made through the stock SDK. */
function makeSpans(provider: BasicTracerProvider) {
  const tracer = provider.getTracer('checkout-tests', '1.2.3');
  const root = tracer.startSpan('GET /checkout', {
    kind: SpanKind.SERVER,
    startTime: T0,
    attributes: {
      'http.method': 'GET',
      'http.status_code': 200,
      'app.ratio': 0.25,
      'app.cached': true,
      'app.delta': -42,
      'app.tags': ['a', 'b'],
      'app.sizes': [1, 2, 3],
      'app.flags': [true, false],
    },
  });
  root.addEvent('cart.loaded', { items: 3 }, at(10));
  const child = tracer.startSpan('POST /charge', { kind: SpanKind.CLIENT, startTime: at(30) }, trace.setSpan(context.active(), root));
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  child.end(at(80));
  root.end(at(120));
  return { root: root.spanContext(), child: child.spanContext() };
}

const COMBOS: Array<[Protocol, boolean]> = [
  ['json', false],
  ['json', true],
  ['protobuf', false],
  ['protobuf', true],
];

describe('stock OTel trace exporters → collector', () => {
  let collector: DevCollector;
  before(async () => {
    collector = await startDevCollector({ port: 0 });
  });
  after(async () => {
    await collector.close();
  });

  for (const [protocol, gzip] of COMBOS) {
    test(`${protocol}${gzip ? ' + gzip' : ''}: ids, parent link, names, kinds, attributes, events, status, durations`, async () => {
      collector.clear();
      const before = collector.stats();
      const exporter = traceExporter(collector.url, protocol, gzip);
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': 'checkout', 'service.version': '7' }),
        spanProcessors: [new SimpleSpanProcessor(exporter)],
      });
      const ids = makeSpans(provider);
      await provider.forceFlush();
      await collector.waitFor((s) => s.spans.length >= 2, 5_000);
      await provider.shutdown();

      const stats = collector.stats();
      assert.ok(
        stats[protocol === 'json' ? 'jsonRequests' : 'protobufRequests'] > before[protocol === 'json' ? 'jsonRequests' : 'protobufRequests'],
        `the exporter sent ${protocol}`,
      );
      assert.equal(stats.gzipRequests > before.gzipRequests, gzip, `gzip ${gzip ? 'used' : 'not used'} on the wire`);
      const spans = collector.spans();
      assert.equal(spans.length, 2);
      const root = spans.find((s) => s.name === 'GET /checkout');
      const child = spans.find((s) => s.name === 'POST /charge');
      assert.ok(root && child, 'both spans received');
      assert.equal(root.traceId, ids.root.traceId);
      assert.equal(root.spanId, ids.root.spanId);
      assert.equal(root.parentSpanId, undefined);
      assert.equal(child.traceId, ids.root.traceId);
      assert.equal(child.spanId, ids.child.spanId);
      assert.equal(child.parentSpanId, ids.root.spanId);
      assert.equal(root.kind, 2); // SERVER in OTLP numbering
      assert.equal(child.kind, 3); // CLIENT
      assert.deepEqual(root.attributes, {
        'http.method': 'GET',
        'http.status_code': 200,
        'app.ratio': 0.25,
        'app.cached': true,
        'app.delta': -42,
        'app.tags': ['a', 'b'],
        'app.sizes': [1, 2, 3],
        'app.flags': [true, false],
      });
      assert.equal(root.startTimeUnixNano, '1763700000100000000');
      assert.equal(root.endTimeUnixNano, '1763700000220000000');
      assert.equal(root.durationMs, 120);
      assert.equal(child.durationMs, 50);
      assert.deepEqual(root.events, [{ name: 'cart.loaded', timeUnixNano: '1763700000110000000', attributes: { items: 3 } }]);
      assert.deepEqual(child.status, { code: 2, message: 'card declined' });
      assert.equal(root.status.code, 0);
      assert.equal(root.resource['service.name'], 'checkout');
      assert.equal(root.resource['service.version'], '7');
      assert.deepEqual(root.scope, { name: 'checkout-tests', version: '1.2.3' });
      assert.equal(child.flags & 0xff, 1, 'sampled flag carried in Span.flags');

      const traces = collector.traces();
      assert.equal(traces.length, 1);
      assert.deepEqual(
        traces[0].spans.map((s) => s.name),
        ['GET /checkout', 'POST /charge'],
      );
      assert.equal(traces[0].durationMs, 120);
      assert.deepEqual(traces[0].services, ['checkout']);
    });
  }

  for (const protocol of ['json', 'protobuf'] as const) {
    test(`${protocol}: kvlist and bytes attribute values survive the stock serializer`, async () => {
      collector.clear();
      const memory = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': 'inventory' }),
        spanProcessors: [new SimpleSpanProcessor(memory)],
      });
      provider.getTracer('t').startSpan('reserve', { startTime: T0 }).end(at(5));
      const [span] = memory.getFinishedSpans();
      // The SDK only lets primitives and arrays into span attributes; the OTLP serializers take
      // any AnyValue, so set the other kinds on the finished span before it is exported.
      const attrs = span.attributes as Record<string, unknown>;
      attrs['app.map'] = { sku: 'X-1', qty: 2, nested: { ok: true, list: [1.5, 'two'] } };
      attrs['app.bytes'] = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
      await exportSpans(traceExporter(collector.url, protocol, false), [span]);
      await collector.waitFor((s) => s.spans.length === 1, 5_000);
      const [got] = collector.spans();
      assert.deepEqual(got.attributes['app.map'], { sku: 'X-1', qty: 2, nested: { ok: true, list: [1.5, 'two'] } });
      assert.deepEqual(got.attributes['app.bytes'], new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
      await provider.shutdown();
    });
  }
});

function exportSpans(exporter: ReturnType<typeof traceExporter>, spans: ReadableSpan[]): Promise<void> {
  return new Promise((resolve, reject) => {
    exporter.export(spans, (r) => (r.code === 0 ? resolve() : reject(r.error ?? new Error(`export failed: ${r.code}`))));
  });
}
