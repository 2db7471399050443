/**
 * Spans for the encoder tests: some made by the real SDK (BasicTracerProvider), some written by
 * hand in the ReadableSpan shape to reach what the SDK's attribute rules forbid (nested maps,
 * bytes) and flags it does not produce by itself (the W3C random-trace-id bit, 0x02).
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type SpanContext } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

export const RESOURCE: Resource = resourceFromAttributes(
  { 'service.name': 'checkout', 'service.version': '4.2.1', 'host.name': 'web-1', 'process.pid': 4242, 'feature.on': true },
  { schemaUrl: 'https://opentelemetry.io/schemas/1.28.0' },
);

export const REMOTE_PARENT: SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 0x03,
  isRemote: true,
  traceState: new TraceState('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7'),
};

const T0 = 1_795_239_000; // 2026-11-21T05:30:00Z, seconds

/** Four SDK spans in two scopes: a SERVER root with everything, a child of a remote parent, a CLIENT child, another scope. */
export function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: RESOURCE, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('checkout-http', '1.2.3', { schemaUrl: 'https://opentelemetry.io/schemas/1.27.0' });
  const other = provider.getTracer('db-client');
  const attrs: Attributes = {
    'http.request.method': 'POST',
    'url.path': '/v1/charges',
    'http.response.status_code': 502,
    'server.port': 8443,
    ratio: 0.25,
    negative: -42,
    big: 2 ** 60,
    'cache.hit': false,
    text: 'naïve café ✓ 🚀',
    long: 'x'.repeat(300),
    tags: ['a', 'b', null as unknown as string],
    codes: [200, 201.5, -3],
    flags: [true, false],
  };
  const root = tracer.startSpan('POST /v1/charges', { kind: SpanKind.SERVER, attributes: attrs, startTime: [T0, 123_456_789] });
  root.addEvent('card.authorized', { 'card.brand': 'visa', attempt: 2 }, [T0, 200_000_000]);
  root.addEvent('no-attributes', [T0, 300_000_001]);
  root.addLink({ context: REMOTE_PARENT, attributes: { 'link.kind': 'follows-from', weight: 3 } });
  root.addLink({ context: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 0 } });
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 502' });
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const client = tracer.startSpan(
    'GET ledger',
    { kind: SpanKind.CLIENT, attributes: { 'url.full': 'https://ledger/balance' }, startTime: [T0, 150_000_000] },
    ctx,
  );
  client.setStatus({ code: SpanStatusCode.OK });
  client.end([T0, 180_000_000]);
  root.end([T0 + 1, 5]);
  const remoteChild = tracer.startSpan(
    'consume charge',
    { kind: SpanKind.CONSUMER, startTime: [T0 + 2, 0] },
    trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT),
  );
  remoteChild.end([T0 + 2, 999_999_999]);
  const q = other.startSpan('SELECT ledger', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql' }, startTime: [T0, 160_000_000] }, ctx);
  q.end([T0, 170_000_000]);
  return exporter.getFinishedSpans();
}

/** Hand-made spans: random-flag (0x03) and unsampled (0x00) flags, nested maps, bytes, dropped counts, a third scope. */
export function handMadeSpans(): ReadableSpan[] {
  const scope = { name: '@meridian/tracing', version: '0.1.0' };
  const base = {
    kind: SpanKind.PRODUCER,
    status: { code: SpanStatusCode.UNSET },
    links: [] as ReadableSpan['links'],
    events: [] as ReadableSpan['events'],
    duration: [0, 1] as [number, number],
    ended: true,
    resource: RESOURCE,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
  const nested = {
    'payment.card': { brand: 'visa', limits: { daily: 1000, currency: 'EUR' }, tags: ['x', 1, true, null] },
    'payload.bytes': new Uint8Array([0, 1, 254, 255]),
    'nested.arrays': [[1, 2], ['a'], []],
  } as unknown as Attributes;
  const random: ReadableSpan = {
    ...base,
    name: 'publish charge.created',
    spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 0x03 }),
    parentSpanContext: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', traceFlags: 0x03, isRemote: false },
    startTime: [T0, 0],
    endTime: [T0, 1_500],
    attributes: nested,
    events: [{ time: [T0, 700], name: 'retry', attributes: { n: 1 }, droppedAttributesCount: 2 }],
    links: [{ context: { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 0x01 }, droppedAttributesCount: 1 }],
    droppedAttributesCount: 5,
    droppedEventsCount: 7,
    droppedLinksCount: 1,
    status: { code: SpanStatusCode.OK, message: 'delivered' },
  };
  const unsampled: ReadableSpan = {
    ...base,
    kind: SpanKind.INTERNAL,
    name: '',
    spanContext: () => ({ traceId: 'e'.repeat(32), spanId: 'f'.repeat(16), traceFlags: 0x00 }),
    startTime: [0, 0],
    endTime: [4_294_967_295, 999_999_999], // the largest HrTime seconds a uint32 holds
    attributes: {},
  };
  return [random, unsampled];
}
