import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, trace, type Context, type Sampler, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider, ParentBasedSampler, RandomIdGenerator } from '@opentelemetry/sdk-trace-base';
import { MeridianAdaptiveSampler, MeridianIdGenerator, RandomTraceFlagSampler, W3CTraceContextStrictPropagator, isRandomTrace } from '../src/index.js';
import { SID, TID } from './support/harness.js';

const propagator = new W3CTraceContextStrictPropagator();

function tracerWith(sampler: Sampler, ids: MeridianIdGenerator | RandomIdGenerator, wrap = true): Tracer {
  const provider = new BasicTracerProvider({
    idGenerator: ids,
    sampler: wrap ? new RandomTraceFlagSampler(sampler, ids instanceof MeridianIdGenerator ? ids : undefined) : sampler,
  });
  return provider.getTracer('random-flag-test');
}

function meridianTracer(root: Sampler = new AlwaysOnSampler()): Tracer {
  return tracerWith(new ParentBasedSampler({ root }), new MeridianIdGenerator());
}

function incoming(traceparent: string, tracestate?: string): Context {
  const headers: Record<string, string> = { traceparent };
  if (tracestate !== undefined) headers.tracestate = tracestate;
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

/** Start a span under `parent` and return the headers an outgoing request would carry. */
function outgoing(tracer: Tracer, parent: Context, name = 'client'): { headers: Record<string, string>; ctx: Context } {
  const span = tracer.startSpan(name, {}, parent);
  const ctx = trace.setSpan(parent, span);
  const headers: Record<string, string> = {};
  propagator.inject(ctx, headers, defaultTextMapSetter);
  span.end();
  return { headers, ctx };
}

const flagsOf = (traceparent: string | undefined): string => traceparent!.slice(53, 55);

test('extract keeps 0x02 in the remote span context flags', () => {
  const sc = trace.getSpanContext(incoming(`00-${TID}-${SID}-03`));
  assert.equal(sc?.traceFlags, 3);
  assert.equal(isRandomTrace(sc!), true);
});

test('SDK fact: a child span of a 03 parent gets traceFlags 01 (the SDK recomputes flags)', () => {
  const tracer = meridianTracer();
  const span = tracer.startSpan('child', {}, incoming(`00-${TID}-${SID}-03`));
  assert.equal(span.spanContext().traceFlags, 1, 'why the random mark rides on the TraceState instead');
  span.end();
});

test('extract 00-…-03 -> child span -> inject: flags 03, same trace, new parent id', () => {
  const { headers } = outgoing(meridianTracer(), incoming(`00-${TID}-${SID}-03`));
  assert.match(headers.traceparent!, new RegExp(`^00-${TID}-[0-9a-f]{16}-03$`));
  assert.notEqual(headers.traceparent!.slice(36, 52), SID);
});

test('extract 00-…-03 -> child -> grandchild -> inject: still 03', () => {
  const tracer = meridianTracer();
  const { ctx } = outgoing(tracer, incoming(`00-${TID}-${SID}-03`), 'server');
  const { headers } = outgoing(tracer, ctx, 'client');
  assert.equal(flagsOf(headers.traceparent), '03');
});

test('extract 00-…-02 (random, not sampled) -> child -> inject: 02', () => {
  const { headers } = outgoing(meridianTracer(), incoming(`00-${TID}-${SID}-02`));
  assert.equal(flagsOf(headers.traceparent), '02');
});

test('extract 00-…-01 (not known random) -> child -> inject: 01, never claims randomness', () => {
  const { headers } = outgoing(meridianTracer(), incoming(`00-${TID}-${SID}-01`));
  assert.equal(flagsOf(headers.traceparent), '01');
});

test('the incoming tracestate is forwarded unchanged alongside the random flag', () => {
  const { headers } = outgoing(meridianTracer(), incoming(`00-${TID}-${SID}-03`, 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'));
  assert.equal(flagsOf(headers.traceparent), '03');
  assert.equal(headers.tracestate, 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
});

test('a root trace we start carries 0x02: 03 when sampled', () => {
  const { headers } = outgoing(meridianTracer(new AlwaysOnSampler()), ROOT_CONTEXT);
  assert.equal(flagsOf(headers.traceparent), '03');
  assert.equal(headers.tracestate, undefined, 'the random mark is not on the wire');
});

test('a root trace we start carries 0x02: 02 when not sampled', () => {
  const { headers } = outgoing(meridianTracer(new AlwaysOffSampler()), ROOT_CONTEXT);
  assert.equal(flagsOf(headers.traceparent), '02');
});

test('a new root (root: true) inside an extracted context gets its own id and is still random', () => {
  const tracer = meridianTracer();
  const parent = incoming(`00-${TID}-${SID}-01`);
  const span = tracer.startSpan('detached', { root: true }, parent);
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(parent, span), headers, defaultTextMapSetter);
  assert.notEqual(headers.traceparent!.slice(3, 35), TID);
  assert.equal(flagsOf(headers.traceparent), '03');
});

test('roots from an id generator we cannot vouch for are not marked random', () => {
  const tracer = tracerWith(new ParentBasedSampler({ root: new AlwaysOnSampler() }), new RandomIdGenerator());
  const { headers } = outgoing(tracer, ROOT_CONTEXT);
  assert.equal(flagsOf(headers.traceparent), '01');
});

test('without RandomTraceFlagSampler: our extracted parents still carry 0x02 (the SDK inherits their TraceState)', () => {
  const tracer = tracerWith(new ParentBasedSampler({ root: new AlwaysOnSampler() }), new MeridianIdGenerator(), false);
  const { headers } = outgoing(tracer, incoming(`00-${TID}-${SID}-03`));
  assert.equal(flagsOf(headers.traceparent), '03');
});

test('without RandomTraceFlagSampler: roots are not marked and a stock-extracted parent loses 0x02', () => {
  const tracer = tracerWith(new ParentBasedSampler({ root: new AlwaysOnSampler() }), new MeridianIdGenerator(), false);
  assert.equal(flagsOf(outgoing(tracer, ROOT_CONTEXT).headers.traceparent), '01');
  const stockParent = new W3CTraceContextPropagator().extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-03` }, defaultTextMapGetter);
  assert.equal(flagsOf(outgoing(tracer, stockParent).headers.traceparent), '01');
});

test('a sampler that returns its own tracestate (adaptive th) keeps the random mark', () => {
  const tracer = tracerWith(new MeridianAdaptiveSampler({ targetPerSecond: 1000 }), new MeridianIdGenerator());
  const { headers, ctx } = outgoing(tracer, ROOT_CONTEXT);
  assert.equal(flagsOf(headers.traceparent), '03');
  assert.equal(headers.tracestate, 'ot=th:0');
  const child = outgoing(tracer, ctx);
  assert.equal(flagsOf(child.headers.traceparent), '03');
  assert.equal(child.headers.tracestate, 'ot=th:0');
});

test('a parent extracted by the stock OTel propagator with 03 also keeps 0x02 through our sampler', () => {
  const stock = new W3CTraceContextPropagator();
  const parent = stock.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-03`, tracestate: 'rojo=1' }, defaultTextMapGetter);
  const { headers } = outgoing(meridianTracer(), parent);
  assert.equal(flagsOf(headers.traceparent), '03');
  assert.equal(headers.tracestate, 'rojo=1');
});

test('the random mark is bound to its trace id', () => {
  const tracer = meridianTracer();
  const span = tracer.startSpan('root', {}, ROOT_CONTEXT);
  const sc = span.spanContext();
  assert.equal(isRandomTrace(sc), true);
  assert.equal(isRandomTrace({ ...sc, traceId: TID }), false, 'a TraceState copied onto another trace does not vouch for it');
  span.end();
});

test('MeridianIdGenerator makes valid, distinct ids and recognises only its last trace id', () => {
  const ids = new MeridianIdGenerator();
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const t = ids.generateTraceId();
    const s = ids.generateSpanId();
    assert.match(t, /^[0-9a-f]{32}$/);
    assert.match(s, /^[0-9a-f]{16}$/);
    assert.ok(!seen.has(t));
    seen.add(t);
    assert.equal(ids.generatedLast(t), true);
  }
  const first = [...seen][0]!;
  assert.equal(ids.generatedLast(first), false);
});
