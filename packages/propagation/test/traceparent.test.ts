import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, createContextKey, defaultTextMapGetter, trace } from '@opentelemetry/api';
import { MeridianTraceState, W3CTraceContextStrictPropagator } from '../src/index.js';
import { SID, TID, contextWith, extract, inject, type Headers } from './support/harness.js';

const T = TID;
const S = SID;
type Expect = { traceId: string; spanId: string; flags: number } | null;
const ok = (flags: number, traceId = T, spanId = S): Expect => ({ traceId, spanId, flags });

/** [name, traceparent header as the getter returns it, expected remote span context or null (restart)]. */
const EXTRACT_CASES: Array<[string, string | string[] | undefined, Expect]> = [
  ['sampled', `00-${T}-${S}-01`, ok(1)],
  ['not sampled', `00-${T}-${S}-00`, ok(0)],
  ['random + sampled kept as 03', `00-${T}-${S}-03`, ok(3)],
  ['random, not sampled kept as 02', `00-${T}-${S}-02`, ok(2)],
  ['unknown flag bits ignored (09 -> 01)', `00-${T}-${S}-09`, ok(1)],
  ['all flag bits (ff -> 03)', `00-${T}-${S}-ff`, ok(3)],
  ['leading space', ` 00-${T}-${S}-01`, ok(1)],
  ['leading tab', `\t00-${T}-${S}-01`, ok(1)],
  ['trailing space', `00-${T}-${S}-01 `, ok(1)],
  ['trailing tab', `00-${T}-${S}-01\t`, ok(1)],
  ['tabs and spaces both sides', `\t 00-${T}-${S}-01 \t`, ok(1)],
  ['single-element array', [`00-${T}-${S}-01`], ok(1)],
  ['future version cc, 55 chars', `cc-${T}-${S}-01`, ok(1)],
  ['future version cc with extra fields', `cc-${T}-${S}-01-what-the-future-will-be-like`, ok(1)],
  ['future version with empty extra field', `cc-${T}-${S}-01-`, ok(1)],
  ['future version fe', `fe-${T}-${S}-00`, ok(0)],
  ['future version 01 with extra field', `01-${T}-${S}-03-ab`, ok(3)],
  ['future version: unknown flags masked', `cc-${T}-${S}-0f-x`, ok(3)],
  [
    'ids that are mostly zero are still valid',
    `00-00000000000000000000000000000001-0000000000000001-01`,
    ok(1, '00000000000000000000000000000001', '0000000000000001'),
  ],
  ['uppercase hex in trace-id', `00-${T.toUpperCase()}-${S}-01`, null],
  ['uppercase hex in parent-id', `00-${T}-00F067AA0BA902B7-01`, null],
  ['uppercase version', `CC-${T}-${S}-01`, null],
  ['uppercase flags', `00-${T}-${S}-0A`, null],
  ['version ff', `ff-${T}-${S}-01`, null],
  ['version 00 trailing garbage', `00-${T}-${S}-01.`, null],
  ['version 00 with extra fields', `00-${T}-${S}-01-what-the-future-will-be-like`, null],
  ['version 00 with trailing dash', `00-${T}-${S}-01-`, null],
  ['future version, flags followed by "."', `cc-${T}-${S}-01.what-the-future-will-be-like`, null],
  ['future version, flags followed by a letter', `cc-${T}-${S}-01x`, null],
  ['future version shorter than 55', `cc-${T}-${S}-1`, null],
  ['version illegal char (.0)', `.0-${T}-${S}-01`, null],
  ['version illegal char (0.)', `0.-${T}-${S}-01`, null],
  ['version too long (000)', `000-${T}-${S}-01`, null],
  ['version too long (0000)', `0000-${T}-${S}-01`, null],
  ['version too short', `0-${T}-${S}-01`, null],
  ['trace-id all zero', `00-00000000000000000000000000000000-${S}-01`, null],
  ['parent-id all zero', `00-${T}-0000000000000000-01`, null],
  ['trace-id illegal leading char', `00-.${T.slice(1)}-${S}-01`, null],
  ['trace-id illegal trailing char', `00-${T.slice(0, 31)}.-${S}-01`, null],
  ['trace-id 33 chars', `00-${T}3-${S}-01`, null],
  ['trace-id 31 chars', `00-${T.slice(1)}-${S}-01`, null],
  ['parent-id illegal char', `00-${T}-.${S.slice(1)}-01`, null],
  ['parent-id illegal trailing char', `00-${T}-${S.slice(0, 15)}.-01`, null],
  ['parent-id 17 chars', `00-${T}-${S}7-01`, null],
  ['parent-id 15 chars', `00-${T}-${S.slice(1)}-01`, null],
  ['flags illegal char (.0)', `00-${T}-${S}-.0`, null],
  ['flags illegal char (0.)', `00-${T}-${S}-0.`, null],
  ['flags too long', `00-${T}-${S}-001`, null],
  ['flags too short', `00-${T}-${S}-1`, null],
  ['flags missing', `00-${T}-${S}`, null],
  ['wrong delimiters', `00_${T}_${S}_01`, null],
  ['non-ASCII digit in trace-id', `00-${T.slice(0, 31)}\u0660-${S}-01`, null],
  ['newline is not OWS', `\n00-${T}-${S}-01`, null],
  ['garbage after OWS', `00-${T}-${S}-01 x`, null],
  ['empty value', '', null],
  ['only whitespace', ' \t ', null],
  ['two traceparent headers (array)', [`00-${T}-${S}-01`, `00-${T.replace('4', '5')}-${S}-01`], null],
  ['two identical traceparent headers (array)', [`00-${T}-${S}-01`, `00-${T}-${S}-01`], null],
  ['two headers joined with a comma', `00-${T}-${S}-01, 00-${T}-${S}-01`, null],
  ['two future-version headers joined with a comma', `cc-${T}-${S}-01-x,cc-${T}-${S}-01`, null],
  ['header absent', undefined, null],
];

for (const [name, header, expected] of EXTRACT_CASES) {
  test(`extract traceparent: ${name} -> ${expected === null ? 'restart' : `flags ${expected.flags}`}`, () => {
    const p = new W3CTraceContextStrictPropagator();
    const headers: Headers = { traceparent: header, tracestate: 'congo=t61rcWkgMzE' };
    const sc = extract(p, headers);
    if (expected === null) {
      assert.equal(sc, undefined, 'the trace must restart (no remote parent)');
      return;
    }
    assert.ok(sc);
    assert.equal(sc.traceId, expected.traceId);
    assert.equal(sc.spanId, expected.spanId);
    assert.equal(sc.traceFlags, expected.flags);
    assert.equal(sc.isRemote, true);
    assert.equal(sc.traceState?.serialize(), 'congo=t61rcWkgMzE');
  });
}

test('extract: an invalid traceparent leaves an existing context untouched and ignores tracestate', () => {
  const p = new W3CTraceContextStrictPropagator();
  const key = createContextKey('other');
  const before = ROOT_CONTEXT.setValue(key, 1);
  const after = p.extract(before, { traceparent: `ff-${T}-${S}-01`, tracestate: 'a=1' }, defaultTextMapGetter);
  assert.equal(after, before);
  assert.deepEqual(p.counters(), {
    extracted: 0,
    traceparentInvalid: 1,
    traceparentDuplicated: 0,
    tracestateDiscarded: 0,
    tracestateEntriesTruncated: 0,
    tracestateDuplicatesRemoved: 0,
    tracestateInvalidOnInject: 0,
  });
});

test('extract: duplicates are counted apart from malformed values', () => {
  const p = new W3CTraceContextStrictPropagator();
  extract(p, { traceparent: [`00-${T}-${S}-01`, `00-${T}-${S}-01`] });
  extract(p, { traceparent: `00-${T}-${S}-01,00-${T}-${S}-01` });
  extract(p, { traceparent: 'garbage' });
  const c = p.counters();
  assert.equal(c.traceparentDuplicated, 2);
  assert.equal(c.traceparentInvalid, 1);
});

test('extract: header names in other cases are found only with anyCaseHeaderNames', () => {
  const headers = { TraceParent: `00-${T}-${S}-01`, TRACESTATE: 'a=1' };
  assert.equal(extract(new W3CTraceContextStrictPropagator(), headers), undefined);
  const sc = extract(new W3CTraceContextStrictPropagator({ anyCaseHeaderNames: true }), headers);
  assert.equal(sc?.traceId, T);
  assert.equal(sc?.traceState?.serialize(), 'a=1');
  const dup = extract(new W3CTraceContextStrictPropagator({ anyCaseHeaderNames: true }), { TraceParent: `00-${T}-${S}-01`, TRACEPARENT: `00-${T}-${S}-01` });
  assert.equal(dup, undefined, 'two spellings of the header are two headers');
});

test('extract: a throwing getter never reaches the host', () => {
  const p = new W3CTraceContextStrictPropagator();
  const ctx = p.extract(
    ROOT_CONTEXT,
    {},
    {
      get: () => {
        throw new Error('boom');
      },
      keys: () => [],
    },
  );
  assert.equal(ctx, ROOT_CONTEXT);
});

/** [name, span context flags, expected flags text] */
const INJECT_FLAGS: Array<[string, number, string]> = [
  ['not sampled', 0, '00'],
  ['sampled', 1, '01'],
  ['random only', 2, '02'],
  ['sampled + random', 3, '03'],
  ['reserved bits are sent as zero', 0xff, '03'],
  ['reserved bit alone', 0x04, '00'],
];
for (const [name, flags, text] of INJECT_FLAGS) {
  test(`inject traceparent: ${name} -> -${text}`, () => {
    const out = inject(new W3CTraceContextStrictPropagator(), contextWith({ traceFlags: flags }));
    assert.equal(out.traceparent, `00-${T}-${S}-${text}`);
    assert.equal(out.tracestate, undefined);
  });
}

test('inject: a higher-version parent is sent downgraded to version 00', () => {
  const p = new W3CTraceContextStrictPropagator();
  const ctx = p.extract(ROOT_CONTEXT, { traceparent: `cc-${T}-${S}-03-future` }, defaultTextMapGetter);
  assert.deepEqual(inject(p, ctx), { traceparent: `00-${T}-${S}-03` });
});

test('inject: nothing for an invalid span context, no span, or suppressed tracing', () => {
  const p = new W3CTraceContextStrictPropagator();
  assert.deepEqual(inject(p, contextWith({ traceId: '0'.repeat(32) })), {});
  assert.deepEqual(inject(p, contextWith({ spanId: 'xyz' })), {});
  assert.deepEqual(inject(p, ROOT_CONTEXT), {});
  const suppressed = contextWith({}).setValue(createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING'), true);
  assert.deepEqual(inject(p, suppressed), {});
});

test('inject: tracestate is sent when non-empty, never as an empty header', () => {
  const p = new W3CTraceContextStrictPropagator();
  assert.equal(inject(p, contextWith({ traceState: MeridianTraceState.parse('a=1, b=2') })).tracestate, 'a=1,b=2');
  assert.equal(inject(p, contextWith({ traceState: MeridianTraceState.empty() })).tracestate, undefined);
});

test('inject: a foreign TraceState is validated; an invalid one is not sent and is counted', () => {
  const p = new W3CTraceContextStrictPropagator();
  const bad = {
    serialize: () => 'UPPER=1',
    get: () => undefined,
    set() {
      return bad;
    },
    unset() {
      return bad;
    },
  };
  const good = {
    serialize: () => 'rojo=00f067aa0ba902b7',
    get: () => undefined,
    set() {
      return good;
    },
    unset() {
      return good;
    },
  };
  assert.equal(inject(p, contextWith({ traceState: bad })).tracestate, undefined);
  assert.equal(inject(p, contextWith({ traceState: bad })).tracestate, undefined);
  assert.equal(inject(p, contextWith({ traceState: good })).tracestate, 'rojo=00f067aa0ba902b7');
  assert.equal(p.counters().tracestateInvalidOnInject, 1, 'validated once per TraceState object');
});

test('round trip: what we inject we extract identically (trace id, span id, flags, tracestate)', () => {
  const p = new W3CTraceContextStrictPropagator();
  for (const flags of [0, 1, 2, 3]) {
    const out = inject(p, contextWith({ traceFlags: flags, traceState: MeridianTraceState.parse('rojo=1,congo=2') }));
    const sc = extract(p, out);
    assert.deepEqual([sc?.traceId, sc?.spanId, sc?.traceFlags, sc?.traceState?.serialize()], [T, S, flags, 'rojo=1,congo=2']);
  }
});

test('extract returns a remote span context usable as a parent', () => {
  const sc = extract(new W3CTraceContextStrictPropagator(), { traceparent: `00-${T}-${S}-01` });
  assert.ok(sc && trace.isSpanContextValid(sc));
});
