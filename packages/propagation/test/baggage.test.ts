import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROOT_CONTEXT,
  baggageEntryMetadataFromString,
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  type BaggageEntry,
} from '@opentelemetry/api';
import { W3CBaggageStrictPropagator } from '../src/index.js';

function extractEntries(header: string | string[], p = new W3CBaggageStrictPropagator()): Record<string, [string, string | undefined]> | undefined {
  const bag = propagation.getBaggage(p.extract(ROOT_CONTEXT, { baggage: header }, defaultTextMapGetter));
  if (bag === undefined) return undefined;
  return Object.fromEntries(bag.getAllEntries().map(([k, e]) => [k, [e.value, e.metadata?.toString()]]));
}

function injectEntries(entries: Record<string, BaggageEntry>, p = new W3CBaggageStrictPropagator()): string | undefined {
  const out: Record<string, string> = {};
  p.inject(propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage(entries)), out, defaultTextMapSetter);
  return out.baggage;
}

/** [name, baggage header, expected entries (value, metadata) or undefined when none survive]. */
const EXTRACT: Array<[string, string | string[], Record<string, [string, string | undefined]> | undefined]> = [
  ['two members', 'k1=v1,k2=v2', { k1: ['v1', undefined], k2: ['v2', undefined] }],
  ['OWS around keys, values and members', ' k1 = v1 ,\tk2=v2\t', { k1: ['v1', undefined], k2: ['v2', undefined] }],
  ['percent-encoded UTF-8', 'greeting=%E4%BD%A0%E5%A5%BD', { greeting: ['你好', undefined] }],
  ['percent-encoded space, comma, semicolon', 'k=a%20b%2Cc%3Bd', { k: ['a b,c;d', undefined] }],
  ['lowercase hex escapes', 'k=%c3%a9', { k: ['é', undefined] }],
  ['invalid UTF-8 becomes U+FFFD', 'k=%FF', { k: ['\uFFFD', undefined] }],
  ['a "%" not followed by two hex digits is kept', 'k=100%,j=%zz', { k: ['100%', undefined], j: ['%zz', undefined] }],
  ['empty value', 'k=', { k: ['', undefined] }],
  ['properties kept as metadata', 'k=v;p1;p2=x', { k: ['v', 'p1;p2=x'] }],
  ['properties with OWS normalised', 'k=v ; p1 = x ;\tflag', { k: ['v', 'p1=x;flag'] }],
  ['token key with symbols', "a!#$&'*+-.^_`|~9=1", { "a!#$&'*+-.^_`|~9": ['1', undefined] }],
  ['empty members skipped', ',,k=v, ,', { k: ['v', undefined] }],
  ['several headers combined', ['a=1', 'b=2'], { a: ['1', undefined], b: ['2', undefined] }],
  ['duplicate keys: last wins', 'k=1,k=2', { k: ['2', undefined] }],
  ['key with a space dropped, others kept', 'bad key=1,good=1', { good: ['1', undefined] }],
  ['value with a space dropped', 'k=a b,good=1', { good: ['1', undefined] }],
  ['value with a double quote dropped', 'k="x",good=1', { good: ['1', undefined] }],
  ['value with a backslash dropped', 'k=a\\b,good=1', { good: ['1', undefined] }],
  ['non-ASCII value dropped', 'k=é,good=1', { good: ['1', undefined] }],
  ['empty key dropped', '=v,good=1', { good: ['1', undefined] }],
  ['member without "=" dropped', 'k,good=1', { good: ['1', undefined] }],
  ['empty property dropped', 'k=v;,good=1', { good: ['1', undefined] }],
  ['malformed property dropped', 'k=v;p q,good=1', { good: ['1', undefined] }],
  ['property with a bad value dropped', 'k=v;p="q",good=1', { good: ['1', undefined] }],
  ['key with "/" is not a token', 'a/b=1', undefined],
  ['nothing valid', 'garbage', undefined],
  ['empty header', '', undefined],
];

for (const [name, header, expected] of EXTRACT) {
  test(`extract baggage: ${name}`, () => {
    assert.deepEqual(extractEntries(header), expected);
  });
}

test('extract baggage: at most 180 members, the rest dropped and counted', () => {
  const p = new W3CBaggageStrictPropagator();
  const header = Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(',');
  const got = extractEntries(header, p)!;
  assert.equal(Object.keys(got).length, 180);
  assert.ok('k179' in got && !('k180' in got));
  assert.equal(p.counters().membersOverLimit, 20);
});

test('extract baggage: at most 8192 bytes in total', () => {
  const p = new W3CBaggageStrictPropagator();
  const member = (i: number): string => `k${i}=${'v'.repeat(1000 - String(i).length - 2)}`; // 1000 bytes
  const header = Array.from({ length: 10 }, (_, i) => member(i)).join(','); // 10 009 bytes
  const got = extractEntries(header, p)!;
  assert.equal(Object.keys(got).length, 8, '8 x 1000 + 7 commas = 8007 <= 8192; a 9th would exceed');
  assert.equal(p.counters().membersOverLimit, 2);
});

test('extract baggage: a member over 4096 bytes is dropped, its neighbours kept', () => {
  const got = extractEntries(`a=1,big=${'x'.repeat(4100)},b=2`);
  assert.deepEqual(Object.keys(got!), ['a', 'b']);
});

test('extract baggage: malformed members are counted', () => {
  const p = new W3CBaggageStrictPropagator();
  extractEntries('k=a b,bad key=1,ok=1', p);
  assert.equal(p.counters().membersMalformed, 2);
});

/** [name, entries, expected header] */
const INJECT: Array<[string, Record<string, BaggageEntry>, string | undefined]> = [
  ['plain values', { k1: { value: 'v1' }, k2: { value: 'v2' } }, 'k1=v1,k2=v2'],
  ['space, comma, semicolon, backslash, quote, percent encoded', { k: { value: 'a b,c;d\\"%' } }, 'k=a%20b%2Cc%3Bd%5C%22%25'],
  ['UTF-8 encoded', { k: { value: '你好' } }, 'k=%E4%BD%A0%E5%A5%BD'],
  ['empty value', { k: { value: '' } }, 'k='],
  ['metadata kept as properties', { k: { value: 'v', metadata: baggageEntryMetadataFromString('p1;p2=x') } }, 'k=v;p1;p2=x'],
  ['metadata with OWS normalised', { k: { value: 'v', metadata: baggageEntryMetadataFromString(' p1 = x ') } }, 'k=v;p1=x'],
  ['invalid metadata dropped, entry kept', { k: { value: 'v', metadata: baggageEntryMetadataFromString('p q') } }, 'k=v'],
  ['key that is not a token is dropped', { 'bad key': { value: '1' }, ok: { value: '1' } }, 'ok=1'],
  ['nothing to send', { 'bad key': { value: '1' } }, undefined],
];

for (const [name, entries, expected] of INJECT) {
  test(`inject baggage: ${name}`, () => {
    assert.equal(injectEntries(entries), expected);
  });
}

test('inject baggage: never more than 180 members or 8192 bytes, each member at most 4096 bytes', () => {
  const many: Record<string, BaggageEntry> = {};
  for (let i = 0; i < 200; i++) many[`k${i}`] = { value: 'v' };
  const p = new W3CBaggageStrictPropagator();
  assert.equal(injectEntries(many, p)!.split(',').length, 180);
  const big: Record<string, BaggageEntry> = { huge: { value: 'x'.repeat(5000) } };
  for (let i = 0; i < 10; i++) big[`k${i}`] = { value: 'y'.repeat(1000) };
  const header = injectEntries(big, p)!;
  assert.ok(header.length <= 8192, `header is ${header.length} bytes`);
  assert.ok(!header.includes('huge='));
  assert.equal(header.split(',').length, 8);
  assert.equal(p.counters().membersOverLimit, 20 + 1 + 2);
});

test('inject baggage: nothing when tracing is suppressed or there is no baggage', () => {
  const p = new W3CBaggageStrictPropagator();
  const out: Record<string, string> = {};
  p.inject(ROOT_CONTEXT, out, defaultTextMapSetter);
  const ctx = propagation
    .setBaggage(ROOT_CONTEXT, propagation.createBaggage({ k: { value: 'v' } }))
    .setValue(createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING'), true);
  p.inject(ctx, out, defaultTextMapSetter);
  assert.deepEqual(out, {});
});

test('baggage round trip: values and properties survive inject -> extract', () => {
  const entries: Record<string, BaggageEntry> = {
    tenant: { value: 'acme/Hong Kong, 香港', metadata: baggageEntryMetadataFromString('ttl=60;internal') },
    plain: { value: 'x' },
  };
  assert.deepEqual(extractEntries(injectEntries(entries)!), { tenant: ['acme/Hong Kong, 香港', 'ttl=60;internal'], plain: ['x', undefined] });
});
