/**
 * Span encoding cost: Meridian's encodeSpan (one span, as the serving thread would pay it) and
 * assembleTraceRequest (per span, at batch time), against @opentelemetry/otlp-transformer's
 * protobuf and JSON serializers (the JSON one is what http/json, today's only choice, sends),
 * and the SDK recording a span alone and with encodeSpan in its onEnd.
 *   npx tsc -b packages/exporter-otlp && node packages/exporter-otlp/dist/bench/span-encode.bench.js
 * BENCH_ROUNDS (default 7) rounds of BENCH_SPANS (default 20,000) spans; the best round is reported.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { assembleTraceRequest, encodeResource, encodeSpan, type EncodedSpan } from '../src/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const N = Number(process.env.BENCH_SPANS ?? 20_000);
const BATCH = 512;

const resource = resourceFromAttributes({
  'service.name': 'payments-api',
  'service.version': '4.2.1',
  'service.instance.id': '0c4c4b8e-8a4f-4a57-9a9b-2f6f3f4d1e11',
  'host.name': 'web-1',
  'process.pid': 4242,
  'process.runtime.name': 'nodejs',
  'telemetry.sdk.language': 'nodejs',
});

let kept: ReadableSpan[] = [];
const keep: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (s) => {
    kept.push(s);
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
let sink = 0;
const encodeOnEnd: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (s) => {
    sink += encodeSpan(s).length;
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
const none: SpanProcessor = { onStart: () => undefined, onEnd: () => undefined, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };

/** An HTTP server span as instrumentation makes it: 10 attributes; every 20th with an exception event and error status. */
function record(tracer: ReturnType<BasicTracerProvider['getTracer']>, i: number): void {
  const span = tracer.startSpan(
    'POST /v1/charges',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'POST',
        'url.path': '/v1/charges',
        'url.scheme': 'https',
        'server.address': 'api.example.com',
        'server.port': 443,
        'network.protocol.version': '1.1',
        'http.route': '/v1/charges',
        'client.address': '10.0.3.7',
        'user_agent.original': 'checkout-web/4.2.1',
        'http.response.status_code': i % 20 === 0 ? 502 : 201,
      },
    },
    ROOT_CONTEXT,
  );
  if (i % 20 === 0) {
    span.addEvent('exception', {
      'exception.type': 'UpstreamError',
      'exception.message': 'ledger unavailable',
      'exception.stacktrace': 'UpstreamError: ledger unavailable\n    at charge (file:///app/src/pay.js:88:11)',
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'ledger unavailable' });
  }
  span.end();
}

function best(fn: () => void, units: number): number {
  let b = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e3 / units);
  }
  return b;
}

function tracerWith(p: SpanProcessor) {
  return new BasicTracerProvider({ resource, spanProcessors: [p] }).getTracer('@meridian/http', '0.1.0');
}

const recTracer = tracerWith(keep);
for (let i = 0; i < N; i++) record(recTracer, i);
const spans = kept;
kept = [];
const batches: ReadableSpan[][] = [];
for (let i = 0; i < spans.length; i += BATCH) batches.push(spans.slice(i, i + BATCH));
const encodedResource = encodeResource(resource);
const queued: EncodedSpan[] = spans.map((s) => ({ scope: s.instrumentationScope, bytes: encodeSpan(s) }));
const queuedBatches: EncodedSpan[][] = [];
for (let i = 0; i < queued.length; i += BATCH) queuedBatches.push(queued.slice(i, i + BATCH));

const rows: [string, number, string][] = [];
const bytesPerSpan = (b: Uint8Array | undefined) => (b === undefined ? 0 : b.length / BATCH).toFixed(0);
rows.push([
  'encodeSpan (one span, serving thread)',
  best(() => {
    for (const s of spans) sink += encodeSpan(s).length;
  }, N),
  `${(queued.reduce((n, q) => n + q.bytes.length, 0) / N).toFixed(0)} (Span message)`,
]);
rows.push([
  'assembleTraceRequest (per span, batches of 512)',
  best(() => {
    for (const b of queuedBatches) sink += assembleTraceRequest(encodedResource, b).length;
  }, N),
  bytesPerSpan(assembleTraceRequest(encodedResource, queuedBatches[0]!)),
]);
rows.push([
  'stock ProtobufTraceSerializer (per span, batches of 512)',
  best(() => {
    for (const b of batches) sink += ProtobufTraceSerializer.serializeRequest(b)!.length;
  }, N),
  bytesPerSpan(ProtobufTraceSerializer.serializeRequest(batches[0]!)),
]);
rows.push([
  'stock JsonTraceSerializer (per span, batches of 512)',
  best(() => {
    for (const b of batches) sink += JsonTraceSerializer.serializeRequest(b)!.length;
  }, N),
  bytesPerSpan(JsonTraceSerializer.serializeRequest(batches[0]!)),
]);
const bare = tracerWith(none);
rows.push([
  'SDK: record one span (start + 10 attributes + end)',
  best(() => {
    for (let i = 0; i < N; i++) record(bare, i);
  }, N),
  '',
]);
const withEncode = tracerWith(encodeOnEnd);
rows.push([
  'SDK: record one span + encodeSpan in onEnd',
  best(() => {
    for (let i = 0; i < N; i++) record(withEncode, i);
  }, N),
  '',
]);

console.log(`node ${process.version}; ${N} HTTP server spans (10 attributes, 1 in 20 with an exception event); best of ${ROUNDS} rounds`);
console.log('| case | µs/span | bytes/span |');
console.log('|---|---|---|');
for (const [name, us, bytes] of rows) console.log(`| ${name} | ${us.toFixed(2)} | ${bytes} |`);
if (sink < 0) console.log(sink);
void trace;
