import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MeridianTraceState, W3CTraceContextStrictPropagator } from '../src/index.js';
import { SID, TID, contextWith, extract, inject } from './support/harness.js';

const TP = `00-${TID}-${SID}-01`;
const members = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `bar${String(from + i).padStart(2, '0')}=${String(from + i).padStart(2, '0')}`).join(',');
const LCALPHA = 'abcdefghijklmnopqrstuvwxyz';
const KEY_ALL = `${LCALPHA}0123456789_-*/`;
const KEY_ALL_AT = `${KEY_ALL}@a-z0-9_-*/`;
let VALUE_ALL = '';
for (let c = 0x20; c <= 0x7e; c++) if (c !== 0x2c && c !== 0x3d) VALUE_ALL += String.fromCharCode(c);

/** [name, tracestate as the getter returns it, expected serialized list, or null = whole header discarded / absent]. */
const CASES: Array<[string, string | string[], string | null]> = [
  ['two members', 'foo=1,bar=2', 'foo=1,bar=2'],
  ['order is preserved', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE', 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE'],
  ['multiple headers combined in order', ['foo=1,bar=2', 'rojo=1,congo=2', 'baz=3'], 'foo=1,bar=2,rojo=1,congo=2,baz=3'],
  ['empty member in the middle', 'a=1,,b=2', 'a=1,b=2'],
  ['whitespace-only member', 'a=1, \t ,b=2', 'a=1,b=2'],
  ['leading and trailing commas', ',a=1,', 'a=1'],
  ['only commas', ',,,', null],
  ['empty header', '', null],
  ['empty header then a member', ['', 'foo=1'], 'foo=1'],
  ['member then an empty header', ['foo=1', ''], 'foo=1'],
  ['OWS around members (spaces and tabs)', 'foo=1 \t , \t bar=2, \t baz=3', 'foo=1,bar=2,baz=3'],
  ['OWS tabs and spaces mixed', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3', 'foo=1,bar=2,baz=3'],
  ['leading space', ' foo=1', 'foo=1'],
  ['leading tab', '\tfoo=1', 'foo=1'],
  ['trailing space is OWS, not value', 'foo=1 ', 'foo=1'],
  ['trailing tab', 'foo=1\t', 'foo=1'],
  ['value with inner space', 'foo=a b', 'foo=a b'],
  ['value with leading space is kept', 'foo= bar', 'foo= bar'],
  ['32 members', members(1, 32), members(1, 32)],
  ['32 members over 4 headers', [members(1, 10), members(11, 20), members(21, 30), members(31, 32)], members(1, 32)],
  ['33 members', members(1, 33), null],
  ['33 members over 4 headers', [members(1, 10), members(11, 20), members(21, 30), members(31, 33)], null],
  ['32 members plus empty ones', `${members(1, 32)},,, ,`, members(1, 32)],
  ['all key and value characters', `${KEY_ALL}=${VALUE_ALL}`, `${KEY_ALL}=${VALUE_ALL}`],
  ['all characters, key with "@"', `${KEY_ALL_AT}=${VALUE_ALL}`, `${KEY_ALL_AT}=${VALUE_ALL}`],
  ['key with _ - * /', 'a_-*/=1', 'a_-*/=1'],
  // Key grammar (Level 2 text): key = ( lcalpha / DIGIT ) 0*255( keychar ), keychar = lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@"
  ['key of 256 chars', ['foo=1', `${'z'.repeat(256)}=1`], `foo=1,${'z'.repeat(256)}=1`],
  ['key of 257 chars', ['foo=1', `${'z'.repeat(257)}=1`], null],
  ['"@" key of 256 chars (241 before "@", 14 after)', ['foo=1', `${'t'.repeat(241)}@${'v'.repeat(14)}=1`], `foo=1,${'t'.repeat(241)}@${'v'.repeat(14)}=1`],
  ['242 chars before "@" (no separate tenant limit)', ['foo=1', `${'t'.repeat(242)}@v=1`], `foo=1,${'t'.repeat(242)}@v=1`],
  ['15 chars after "@" (no separate system limit)', ['foo=1', `t@${'v'.repeat(15)}=1`], `foo=1,t@${'v'.repeat(15)}=1`],
  ['"@" key of 257 chars', ['foo=1', `${'t'.repeat(200)}@${'v'.repeat(56)}=1`], null],
  ['key of "@"s after one letter, 256 chars', `a${'@'.repeat(255)}=1`, `a${'@'.repeat(255)}=1`],
  ['key may start with a digit', '1abc=1', '1abc=1'],
  ['key of one digit', '7=1', '7=1'],
  ['key of one letter', 'a=1', 'a=1'],
  ['digit before "@"', '1tenant@sys=1', '1tenant@sys=1'],
  ['digit right after "@"', 'tenant@1sys=1', 'tenant@1sys=1'],
  ['key with uppercase', 'FOO=1', null],
  ['key with one uppercase letter', 'fOo=1', null],
  ['key with a space before "="', 'foo =1', null],
  ['key with a dot', 'foo.bar=1', null],
  ['key ending in "@"', 'foo@=1,bar=2', 'foo@=1,bar=2'],
  ['key with "@@"', 'foo@@bar=1,bar=2', 'foo@@bar=1,bar=2'],
  ['key with two "@"', 'foo@bar@baz=1,bar=2', 'foo@bar@baz=1,bar=2'],
  ['key starting with "@"', '@foo=1,bar=2', null],
  ['key starting with "_"', '_foo=1', null],
  ['key starting with "-"', '-foo=1', null],
  ['key starting with "*"', '*foo=1', null],
  ['key starting with "/"', '/foo=1', null],
  ['key with a non-ASCII letter', 'caf\u00e9=1', null],
  ['empty key', '=1', null],
  ['member without "="', 'foo', null],
  ['a valid and a bare member', 'foo=1,bar', null],
  ['value with "=" inside', 'foo=bar=baz', null],
  ['empty value', 'foo=,bar=3', null],
  ['value of only spaces', 'foo=   ', null],
  ['value of 256 chars', `foo=${'v'.repeat(256)}`, `foo=${'v'.repeat(256)}`],
  ['value of 257 chars', `foo=${'v'.repeat(257)}`, null],
  ['value with a tab inside', 'foo=a\tb', null],
  ['value with non-ASCII', 'foo=caf\u00e9', null],
  ['value with DEL (0x7f)', 'foo=a\u007f', null],
  // Duplicate keys: the header is inherited. A context forwarded unchanged keeps it as received
  // (tracestate must not change when traceparent does not); spans created here keep the left-most.
  ['duplicate keys, same value', 'foo=1,foo=1', 'foo=1,foo=1'],
  ['duplicate keys, different values', 'foo=1,foo=2', 'foo=1,foo=2'],
  ['duplicate keys across headers', ['foo=1', 'foo=1'], 'foo=1,foo=1'],
  ['duplicate keys across headers, different values', ['foo=1', 'foo=2'], 'foo=1,foo=2'],
  ['one malformed member discards the valid ones too', 'good=1,BAD=2,fine=3', null],
  ['header over 32 KiB', `a=1,${','.repeat(33 * 1024)}`, null],
];

for (const [name, header, expected] of CASES) {
  test(`extract tracestate: ${name} -> ${expected === null ? 'none' : 'kept'}`, () => {
    const p = new W3CTraceContextStrictPropagator();
    const sc = extract(p, { traceparent: TP, tracestate: header });
    assert.equal(sc?.traceId, TID, 'tracestate never affects traceparent');
    assert.equal(sc.traceState?.serialize(), expected ?? undefined);
  });
}

test('extract tracestate: discarded headers are counted, empty ones are not', () => {
  const p = new W3CTraceContextStrictPropagator();
  extract(p, { traceparent: TP, tracestate: 'foo=1,FOO=2' });
  extract(p, { traceparent: TP, tracestate: members(1, 33) });
  extract(p, { traceparent: TP, tracestate: '' });
  extract(p, { traceparent: TP, tracestate: 'foo=1,foo=2' });
  assert.equal(p.counters().tracestateDiscarded, 2);
});

test('extract tracestate: without a traceparent nothing is extracted', () => {
  assert.equal(extract(new W3CTraceContextStrictPropagator(), { tracestate: 'foo=1' }), undefined);
});

test('extract tracestate: parsed for a future traceparent version too', () => {
  const sc = extract(new W3CTraceContextStrictPropagator(), { traceparent: `cc-${TID}-${SID}-01-x`, tracestate: 'foo=1' });
  assert.equal(sc?.traceState?.get('foo'), '1');
});

// ---- inject: the 512-character budget and the forwarding rule ----

const long = (key: string, n: number): string => `${key}=${'x'.repeat(n - key.length - 1)}`;

test('inject tracestate: a local span keeps within 512 chars, entries over 128 chars go first', () => {
  // 5 entries: 100 + 200 (long) + 100 + 150 (long) + 100 chars = 650 + 4 commas.
  const list = [long('a', 100), long('b', 200), long('c', 100), long('d', 150), long('e', 100)].join(',');
  const p = new W3CTraceContextStrictPropagator();
  const out = inject(p, contextWith({ traceState: MeridianTraceState.parse(list), isRemote: false }));
  // Removing d (150, right-most long) gives 503 chars: fits, so b stays.
  assert.equal(out.tracestate, [long('a', 100), long('b', 200), long('c', 100), long('e', 100)].join(','));
  assert.ok(out.tracestate!.length <= 512);
  assert.equal(p.counters().tracestateEntriesTruncated, 1);
});

test('inject tracestate: after long entries, entries are removed from the right', () => {
  const list = Array.from({ length: 8 }, (_, i) => long(`k${i}`, 100)).join(','); // 8*100 + 7 = 807
  const out = inject(new W3CTraceContextStrictPropagator(), contextWith({ traceState: MeridianTraceState.parse(list) }));
  assert.equal(out.tracestate, Array.from({ length: 5 }, (_, i) => long(`k${i}`, 100)).join(',')); // 504 chars
});

test('inject tracestate: maxTraceStateLength raises the budget', () => {
  const list = Array.from({ length: 8 }, (_, i) => long(`k${i}`, 100)).join(',');
  const out = inject(new W3CTraceContextStrictPropagator({ maxTraceStateLength: 4096 }), contextWith({ traceState: MeridianTraceState.parse(list) }));
  assert.equal(out.tracestate, list);
});

test('inject tracestate: a remote parent forwarded unchanged keeps its whole tracestate', () => {
  const list = Array.from({ length: 8 }, (_, i) => long(`k${i}`, 100)).join(',');
  const p = new W3CTraceContextStrictPropagator();
  const out = inject(
    p,
    p.extract(contextWith({}), { traceparent: TP, tracestate: list }, { get: (c: Record<string, string>, k) => c[k], keys: (c) => Object.keys(c) }),
  );
  assert.equal(out.traceparent, TP);
  assert.equal(out.tracestate, list);
});

test('inject tracestate: OWS and empty members are not re-sent', () => {
  const p = new W3CTraceContextStrictPropagator();
  const sc = extract(p, { traceparent: TP, tracestate: [' a=1 ,, b=2', ''] });
  assert.equal(inject(p, contextWith({ traceState: sc?.traceState })).tracestate, 'a=1,b=2');
});

test('inject tracestate: a span created here keeps the left-most of a duplicated key, and counts the others', () => {
  const p = new W3CTraceContextStrictPropagator();
  const sc = extract(p, { traceparent: TP, tracestate: ['foo=1,bar=2', 'foo=3,baz=4,bar=5'] });
  const out = inject(p, contextWith({ traceState: sc?.traceState, isRemote: false }));
  assert.equal(out.tracestate, 'foo=1,bar=2,baz=4');
  assert.equal(p.counters().tracestateDuplicatesRemoved, 2);
  assert.equal(p.counters().tracestateDiscarded, 0);
});

test('inject tracestate: a remote context forwarded unchanged keeps duplicated keys as received', () => {
  const p = new W3CTraceContextStrictPropagator();
  const ctx = p.extract(
    contextWith({}),
    { traceparent: TP, tracestate: 'foo=1,foo=2' },
    { get: (c: Record<string, string>, k) => c[k], keys: (c) => Object.keys(c) },
  );
  const out = inject(p, ctx);
  assert.equal(out.traceparent, TP);
  assert.equal(out.tracestate, 'foo=1,foo=2');
  assert.equal(p.counters().tracestateDuplicatesRemoved, 0);
});

test('inject tracestate: duplicates go before truncation, so fewer real entries are truncated', () => {
  // 'dup' repeated 3 times at 100 chars each + 3 distinct 100-char entries: 600 + 5 commas.
  const list = [long('a', 100), long('dup', 100), long('dup', 100), long('b', 100), long('dup', 100), long('c', 100)].join(',');
  const p = new W3CTraceContextStrictPropagator();
  const out = inject(p, contextWith({ traceState: MeridianTraceState.parse(list), isRemote: false }));
  assert.equal(out.tracestate, [long('a', 100), long('dup', 100), long('b', 100), long('c', 100)].join(','));
  assert.equal(p.counters().tracestateEntriesTruncated, 0);
  assert.equal(p.counters().tracestateDuplicatesRemoved, 2);
});

// ---- MeridianTraceState mutations (what samplers and users call) ----

test('MeridianTraceState.set moves the key to the front and validates', () => {
  const ts = MeridianTraceState.parse('a=1,b=2,c=3')!;
  assert.equal(ts.set('b', 'x').serialize(), 'b=x,a=1,c=3');
  assert.equal(ts.set('new', 'v').serialize(), 'new=v,a=1,b=2,c=3');
  assert.equal(ts.set('BAD', 'v'), ts);
  assert.equal(ts.set('ok', 'bad=value'), ts);
  assert.equal(ts.unset('b').serialize(), 'a=1,c=3');
  assert.equal(ts.unset('zz'), ts);
  assert.equal(ts.serialize(), 'a=1,b=2,c=3', 'immutable');
});

test('MeridianTraceState.set on a full list drops the right-most member', () => {
  const ts = MeridianTraceState.parse(members(1, 32))!;
  const next = ts.set('new', 'v');
  assert.equal(next.size, 32);
  assert.equal(next.get('new'), 'v');
  assert.equal(next.get('bar32'), undefined);
});

test('MeridianTraceState with a duplicated key: get is the left-most, set and unset act on every copy', () => {
  const ts = MeridianTraceState.parse('foo=1,bar=2,foo=3')!;
  assert.equal(ts.get('foo'), '1');
  assert.equal(ts.size, 3);
  assert.equal(ts.set('foo', 'x').serialize(), 'foo=x,bar=2', 'adding must not leave the key twice');
  assert.equal(ts.unset('foo').serialize(), 'bar=2');
  assert.equal(ts.serialize(), 'foo=1,bar=2,foo=3', 'immutable');
});

test('MeridianTraceState.set accepts keys of the Level 2 grammar ("@" anywhere after the first character, leading digit)', () => {
  const ts = MeridianTraceState.empty();
  assert.equal(ts.set('1vendor', 'v').serialize(), '1vendor=v');
  assert.equal(ts.set('tenant@sys@eu', 'v').serialize(), 'tenant@sys@eu=v');
  assert.equal(ts.set('@vendor', 'v'), ts);
  assert.equal(ts.set('z'.repeat(257), 'v'), ts);
});
