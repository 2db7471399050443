// Side-by-side cost of the strict propagators and the adaptive sampler against the stock
// OpenTelemetry ones. Run: npx tsc -b packages/propagation && pnpm --dir packages/propagation run bench
// Each case: warm-up, then 5 alternating ~100 ms rounds per side, best round kept; ns/op (lower is better).
import {
  ROOT_CONTEXT,
  SpanKind,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type Context,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { TraceState, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { MeridianAdaptiveSampler, MeridianTraceState, W3CBaggageStrictPropagator, W3CTraceContextStrictPropagator } from '../src/index.js';

const TP = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03';
const TS = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,ot=th:8';
const BAGGAGE = 'user=alice,region=ap-east-1,note=a%20b;ttl=60';

let sink: unknown;
/** ns per call over one ~100 ms round. */
function round(fn: () => unknown): number {
  let n = 0;
  const start = process.hrtime.bigint();
  const until = start + 100_000_000n;
  let now = start;
  while (now < until) {
    for (let i = 0; i < 1000; i++) sink = fn();
    n += 1000;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / n;
}

// Rounds alternate between the two implementations and the best round of each is kept: on a
// shared machine the minimum is the figure least distorted by other processes.
function row(name: string, ours: () => unknown, stock: () => unknown): void {
  for (let i = 0; i < 20_000; i++) {
    sink = ours();
    sink = stock();
  }
  let a = Infinity;
  let b = Infinity;
  for (let r = 0; r < 5; r++) {
    a = Math.min(a, round(ours));
    b = Math.min(b, round(stock));
  }
  console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} |`);
}

const strict = new W3CTraceContextStrictPropagator();
const stockTc = new W3CTraceContextPropagator();
const ctxWith = (ts: unknown): Context =>
  trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: TraceFlags.SAMPLED,
    traceState: ts as TraceState,
  });
const out: Record<string, string> = {};
const ex = (p: TextMapPropagator, h: Record<string, string>) => () => p.extract(ROOT_CONTEXT, h, defaultTextMapGetter);

console.log(`node ${process.version}\n`);
console.log('| case (ns/op) | @meridian/propagation | @opentelemetry/core |');
console.log('|---|---:|---:|');
row('extract traceparent', ex(strict, { traceparent: TP }), ex(stockTc, { traceparent: TP }));
row('extract traceparent + 3-member tracestate', ex(strict, { traceparent: TP, tracestate: TS }), ex(stockTc, { traceparent: TP, tracestate: TS }));
const hop = (p: TextMapPropagator, h: Record<string, string>) => () => p.inject(p.extract(ROOT_CONTEXT, h, defaultTextMapGetter), out, defaultTextMapSetter);
row(
  'extract + inject, traceparent + tracestate (a full hop)',
  hop(strict, { traceparent: TP, tracestate: TS }),
  hop(stockTc, { traceparent: TP, tracestate: TS }),
);
row('extract invalid traceparent', ex(strict, { traceparent: TP.toUpperCase() }), ex(stockTc, { traceparent: TP.toUpperCase() }));
const plain = ctxWith(undefined);
row(
  'inject traceparent',
  () => strict.inject(plain, out, defaultTextMapSetter),
  () => stockTc.inject(plain, out, defaultTextMapSetter),
);
const oursTs = ctxWith(MeridianTraceState.parse(TS));
const stockTs = ctxWith(new TraceState(TS));
row(
  'inject traceparent + tracestate (own TraceState type)',
  () => strict.inject(oursTs, out, defaultTextMapSetter),
  () => stockTc.inject(stockTs, out, defaultTextMapSetter),
);
const strictB = new W3CBaggageStrictPropagator();
const stockB = new W3CBaggagePropagator();
row('extract baggage (3 members, 1 property)', ex(strictB, { baggage: BAGGAGE }), ex(stockB, { baggage: BAGGAGE }));
const bagCtx = propagation.setBaggage(
  ROOT_CONTEXT,
  propagation.createBaggage({ user: { value: 'alice' }, region: { value: 'ap-east-1' }, note: { value: 'a b' } }),
);
row(
  'inject baggage (3 members)',
  () => strictB.inject(bagCtx, out, defaultTextMapSetter),
  () => stockB.inject(bagCtx, out, defaultTextMapSetter),
);
let clock = 0;
const adaptive = new MeridianAdaptiveSampler({ targetPerSecond: 20, clock: () => (clock += 0.01) });
const ratio = new TraceIdRatioBasedSampler(0.05);
const ids = Array.from({ length: 1024 }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n).toString(16).padStart(32, '0').slice(-32));
let k = 0;
row(
  'root sampling decision (adaptive vs TraceIdRatioBased 5%)',
  () => adaptive.shouldSample(ROOT_CONTEXT, ids[k++ & 1023]!, 'r', SpanKind.SERVER, {}, []),
  () => ratio.shouldSample(ROOT_CONTEXT, ids[k++ & 1023]!),
);
void sink;
