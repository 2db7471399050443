import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, propagation, trace } from '@opentelemetry/api';
import { TraceState, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { MeridianTraceState, W3CBaggageStrictPropagator, W3CTraceContextStrictPropagator } from '../src/index.js';
import { SID, TID, contextWith } from './support/harness.js';

const ours = new W3CTraceContextStrictPropagator();
const stock = new W3CTraceContextPropagator();

function headersFrom(p: W3CTraceContextPropagator | W3CTraceContextStrictPropagator, ctx = contextWith({})): Record<string, string> {
  const h: Record<string, string> = {};
  p.inject(ctx, h, defaultTextMapSetter);
  return h;
}

for (const flags of [0, 1, 2, 3]) {
  test(`interop: stock extracts what we inject (flags ${flags}) with the same ids, flags and tracestate`, () => {
    const h = headersFrom(ours, contextWith({ traceFlags: flags, traceState: MeridianTraceState.parse('rojo=1,congo=2') }));
    const sc = trace.getSpanContext(stock.extract(ROOT_CONTEXT, h, defaultTextMapGetter));
    assert.deepEqual([sc?.traceId, sc?.spanId, sc?.traceFlags, sc?.traceState?.serialize()], [TID, SID, flags, 'rojo=1,congo=2']);
  });

  test(`interop: we extract what stock injects (flags ${flags}) with the same ids, flags and tracestate`, () => {
    const h = headersFrom(stock, contextWith({ traceFlags: flags, traceState: new TraceState('rojo=1,congo=2') }));
    const sc = trace.getSpanContext(ours.extract(ROOT_CONTEXT, h, defaultTextMapGetter));
    assert.deepEqual([sc?.traceId, sc?.spanId, sc?.traceFlags, sc?.traceState?.serialize()], [TID, SID, flags, 'rojo=1,congo=2']);
  });
}

test('interop: stock can inject a context we extracted (our TraceState implements the API)', () => {
  const ctx = ours.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-03`, tracestate: 'a=1' }, defaultTextMapGetter);
  assert.deepEqual(headersFrom(stock, ctx), { traceparent: `00-${TID}-${SID}-03`, tracestate: 'a=1' });
});

test('interop: we can inject a context stock extracted, and its TraceState is re-validated', () => {
  const ctx = stock.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-01`, tracestate: 'a=1,b=2' }, defaultTextMapGetter);
  assert.deepEqual(headersFrom(ours, ctx), { traceparent: `00-${TID}-${SID}-01`, tracestate: 'a=1,b=2' });
});

test('interop: where stock is lenient we are strict (documented differences)', () => {
  const dup = { traceparent: [`00-${TID}-${SID}-01`, `00-${'1'.repeat(32)}-${SID}-01`] };
  assert.equal(trace.getSpanContext(stock.extract(ROOT_CONTEXT, dup, defaultTextMapGetter))?.traceId, TID, 'stock takes the first');
  assert.equal(trace.getSpanContext(ours.extract(ROOT_CONTEXT, dup, defaultTextMapGetter)), undefined, 'we restart');
});

test('interop: stock still applies the superseded tenant@system key grammar; we apply the Level 2 one', () => {
  const tracestate = (p: typeof ours | typeof stock, ts: string): string | undefined =>
    trace.getSpanContext(p.extract(ROOT_CONTEXT, { traceparent: `00-${TID}-${SID}-01`, tracestate: ts }, defaultTextMapGetter))?.traceState?.serialize();
  for (const ts of ['foo@=1,bar=2', 'foo@bar@baz=1,bar=2', '1abc=1,bar=2', `t@${'v'.repeat(15)}=1,bar=2`]) {
    assert.equal(tracestate(stock, ts), 'bar=2', `stock drops the first member of ${ts.slice(0, 20)}`);
    assert.equal(tracestate(ours, ts), ts, `we keep ${ts.slice(0, 20)}`);
  }
  assert.equal(tracestate(stock, 'foo=1,foo=2'), 'foo=2', 'stock keeps the right-most copy');
  assert.equal(tracestate(ours, 'foo=1,foo=2'), 'foo=1,foo=2', 'we keep the list as received (left-most copy on spans created here)');
});

test('interop: baggage round-trips between stock and strict propagators in both directions', () => {
  const strict = new W3CBaggageStrictPropagator();
  const stockB = new W3CBaggagePropagator();
  const bag = propagation.createBaggage({ user: { value: 'alice' }, region: { value: 'ap-east-1' }, note: { value: 'a b,c;d' } });
  const ctx = propagation.setBaggage(ROOT_CONTEXT, bag);
  for (const [from, to] of [
    [strict, stockB],
    [stockB, strict],
  ] as const) {
    const h: Record<string, string> = {};
    from.inject(ctx, h, defaultTextMapSetter);
    const got = propagation.getBaggage(to.extract(ROOT_CONTEXT, h, defaultTextMapGetter));
    assert.deepEqual(Object.fromEntries(got!.getAllEntries().map(([k, e]) => [k, e.value])), { user: 'alice', region: 'ap-east-1', note: 'a b,c;d' });
  }
});

test('interop fact: stock sends reserved flag bits as received (ff becomes a malformed "-0ff"); we send 03', () => {
  const ctx = contextWith({ traceFlags: 0xff });
  assert.equal(headersFrom(stock, ctx).traceparent, `00-${TID}-${SID}-0ff`);
  assert.equal(headersFrom(ours, ctx).traceparent, `00-${TID}-${SID}-03`);
});
