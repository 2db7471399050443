import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, propagation, trace } from '@opentelemetry/api';
import { createMeridianPropagator } from '../src/index.js';
import { SID, TID } from './support/harness.js';

const headers = { traceparent: `00-${TID}-${SID}-03`, tracestate: 'a=1', baggage: 'k=v' };

test('createMeridianPropagator: tracecontext + baggage extract and inject both', () => {
  const p = createMeridianPropagator(['tracecontext', 'baggage']);
  assert.deepEqual(p.fields(), ['traceparent', 'tracestate', 'baggage']);
  const ctx = p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  assert.equal(trace.getSpanContext(ctx)?.traceId, TID);
  assert.equal(propagation.getBaggage(ctx)?.getEntry('k')?.value, 'v');
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  assert.deepEqual(out, headers);
});

test('createMeridianPropagator: only the named propagators run, duplicates ignored', () => {
  const tc = createMeridianPropagator(['tracecontext', 'tracecontext']);
  assert.deepEqual(tc.fields(), ['traceparent', 'tracestate']);
  const ctx = tc.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  assert.equal(propagation.getBaggage(ctx), undefined);
  const bg = createMeridianPropagator(['baggage']);
  assert.deepEqual(bg.fields(), ['baggage']);
  assert.equal(trace.getSpanContext(bg.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)), undefined);
});

test('createMeridianPropagator: an empty list (or only "none") propagates nothing', () => {
  assert.deepEqual(createMeridianPropagator(['none']).fields(), []);
  const p = createMeridianPropagator([]);
  assert.deepEqual(p.fields(), []);
  assert.equal(p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter), ROOT_CONTEXT);
  const out: Record<string, string> = {};
  p.inject(p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter), out, defaultTextMapSetter);
  assert.deepEqual(out, {});
});

test('createMeridianPropagator: a throwing setter does not reach the host and does not stop the next propagator', () => {
  const p = createMeridianPropagator(['tracecontext', 'baggage']);
  const ctx = p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  const seen: string[] = [];
  p.inject(
    ctx,
    {},
    {
      set: (_c, k) => {
        seen.push(k);
        if (k === 'traceparent') throw new Error('read-only headers');
      },
    },
  );
  assert.deepEqual(seen, ['traceparent', 'baggage']);
});

test('createMeridianPropagator: options reach the trace-context propagator', () => {
  const p = createMeridianPropagator(['tracecontext'], { anyCaseHeaderNames: true });
  assert.equal(trace.getSpanContext(p.extract(ROOT_CONTEXT, { TraceParent: headers.traceparent }, defaultTextMapGetter))?.traceId, TID);
});
