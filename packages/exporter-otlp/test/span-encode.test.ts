import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { startDevCollector } from '@meridian/devtools';
import { assembleTraceRequest, assembleTraceRequestFromEntries, encodeResource, encodeSpan, encodeSpanEntry, encodeSpansProtobuf } from '../src/index.js';
import { SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK, SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK } from '../src/spans/encode-span.js';
import { decodeTraceRequest, type ResourceSpans } from './helpers/trace-decode.js';
import { handMadeSpans, REMOTE_PARENT, RESOURCE, sdkSpans } from './helpers/spans.js';

function post(url: string, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const spans = [...sdkSpans(), ...handMadeSpans()];

test('the span encoder agrees field by field with @opentelemetry/otlp-transformer (events, links, status, resource, scope, flags)', () => {
  const stock = ProtobufTraceSerializer.serializeRequest(spans);
  assert.ok(stock !== undefined && stock.length > 0);
  const ours = encodeSpansProtobuf(spans, RESOURCE);
  const a: ResourceSpans[] = decodeTraceRequest(stock);
  const b: ResourceSpans[] = decodeTraceRequest(ours);
  // resource and scopes first, so a difference there is reported as such
  assert.equal(b.length, 1);
  assert.deepEqual(b[0]!.resource, a[0]!.resource);
  assert.equal(b[0]!.schemaUrl, a[0]!.schemaUrl);
  assert.deepEqual(
    b[0]!.scopeSpans.map((s) => [s.scope, s.schemaUrl]),
    a[0]!.scopeSpans.map((s) => [s.scope, s.schemaUrl]),
  );
  for (let i = 0; i < a[0]!.scopeSpans.length; i++) {
    const sa = a[0]!.scopeSpans[i]!.spans;
    const sb = b[0]!.scopeSpans[i]!.spans;
    assert.equal(sb.length, sa.length);
    for (let j = 0; j < sa.length; j++) assert.deepEqual(sb[j], sa[j], `span "${sa[j]!.name}"`);
  }
  assert.deepEqual(b, a);
});

test('what the encoder writes, as a collector reads it: flags, remote bits, times, values', () => {
  const [rs] = decodeTraceRequest(encodeSpansProtobuf(spans, RESOURCE));
  assert.deepEqual(
    rs!.scopeSpans.map((s) => `${s.scope.name}@${s.scope.version}|${s.schemaUrl}`),
    ['checkout-http@1.2.3|https://opentelemetry.io/schemas/1.27.0', 'db-client@|', '@meridian/tracing@0.1.0|'],
  );
  assert.equal(rs!.schemaUrl, 'https://opentelemetry.io/schemas/1.28.0');
  const byName = new Map(rs!.scopeSpans.flatMap((s) => s.spans).map((s) => [s.name, s]));
  const root = byName.get('POST /v1/charges')!;
  assert.equal(root.kind, 2, 'SERVER is OTLP kind 2');
  assert.equal(root.parentSpanId, '');
  assert.equal(root.flags, 0x01 | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK, 'sampled, and known to have no remote parent');
  assert.equal(root.start, '1795239000123456789');
  assert.equal(root.end, '1795239001000000005');
  assert.deepEqual(root.status, { code: 2, message: 'upstream 502' });
  assert.deepEqual(
    root.links.map((l) => l.flags),
    [0x03 | 0x100 | 0x200, 0x100],
    'link flags: trace flags + remote bits',
  );
  assert.equal(root.links[0]!.traceState, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  const attr = (k: string) => root.attributes.find((kv) => kv.key === k)?.value;
  assert.deepEqual(attr('big'), { int: (2n ** 60n).toString() }, 'integers past 2^53 stay integers');
  assert.deepEqual(attr('ratio'), { double: 0.25 });
  assert.deepEqual(attr('negative'), { int: '-42' });
  assert.deepEqual(attr('tags'), { array: [{ string: 'a' }, { string: 'b' }, { empty: true }] });

  const consumer = byName.get('consume charge')!;
  assert.equal(consumer.parentSpanId, REMOTE_PARENT.spanId);
  assert.equal(consumer.flags & 0x300, SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK | SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK, 'the parent is remote');
  assert.equal(consumer.traceState, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');

  const random = byName.get('publish charge.created')!;
  assert.equal(random.flags, 0x03 | 0x100, 'the random-trace-id bit is carried as given');
  assert.deepEqual([random.droppedAttributes, random.droppedEvents, random.droppedLinks, random.events[0]!.dropped, random.links[0]!.dropped], [5, 7, 1, 2, 1]);
  assert.deepEqual(random.attributes.find((kv) => kv.key === 'payload.bytes')?.value, { bytes: '0001feff' });
  const card = random.attributes.find((kv) => kv.key === 'payment.card')!.value as { kvlist: { key: string }[] };
  assert.deepEqual(
    card.kvlist.map((kv) => kv.key),
    ['brand', 'limits', 'tags'],
  );

  const unsampled = byName.get('')!;
  assert.equal(unsampled.flags, 0x100);
  assert.equal(unsampled.kind, 1);
  assert.equal(unsampled.start, '0');
  assert.equal(unsampled.end, (4_294_967_295n * 1_000_000_000n + 999_999_999n).toString(), 'the largest time, exact without BigInt');
});

test('@meridian/devtools decodes both requests to the same spans', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  assert.equal(await post(collector.url, ProtobufTraceSerializer.serializeRequest(spans)!), 200);
  const fromStock = collector.spans();
  collector.clear();
  assert.equal(await post(collector.url, encodeSpansProtobuf(spans, RESOURCE)), 200);
  const fromOurs = collector.spans();
  assert.equal(fromOurs.length, spans.length);
  assert.deepEqual(fromOurs, fromStock);
});

test('spans encoded one by one and assembled later give the same request as encoding them together', () => {
  const resource = encodeResource(RESOURCE);
  const queued = spans.map((s) => ({ scope: s.instrumentationScope, bytes: encodeSpan(s) }));
  // the bytes are the span's own: encoding more spans does not overwrite earlier ones
  assert.deepEqual(Buffer.from(assembleTraceRequest(resource, queued)), Buffer.from(encodeSpansProtobuf(spans, RESOURCE)));
  // a scope copied (e.g. reloaded from a spool) lands in the group of the original
  const copies = queued.map((q) => ({ scope: { ...q.scope }, bytes: q.bytes }));
  assert.equal(decodeTraceRequest(assembleTraceRequest(resource, copies))[0]!.scopeSpans.length, 3);
  assert.equal(assembleTraceRequest(resource, []).length, 0, 'no spans: an empty request');
});

test('an id that is not hex still gives a well-formed message of the right length', () => {
  const [bad] = handMadeSpans();
  const broken = { ...bad!, spanContext: () => ({ traceId: 'zz'.repeat(16), spanId: 'b7ad6b71692033', traceFlags: 1 }) };
  const [rs] = decodeTraceRequest(encodeSpansProtobuf([broken], RESOURCE));
  const s = rs!.scopeSpans[0]!.spans[0]!;
  assert.equal(s.traceId, '0'.repeat(32));
  assert.equal(s.spanId, '0'.repeat(16));
  assert.equal(s.name, 'publish charge.created', 'the fields after the ids are intact');
});

test('a cyclic nested value is cut at the depth limit instead of recursing forever', () => {
  const [base] = handMadeSpans();
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const span = { ...base!, attributes: { cyclic } as never };
  const [rs] = decodeTraceRequest(encodeSpansProtobuf([span], RESOURCE));
  let v = rs!.scopeSpans[0]!.spans[0]!.attributes[0]!.value as { kvlist?: { key: string; value: unknown }[]; string?: string };
  let depth = 0;
  while (v.kvlist !== undefined) {
    v = v.kvlist.find((kv) => kv.key === 'self')!.value as typeof v;
    depth++;
  }
  assert.equal(depth, 24);
  assert.equal(v.string, '[nested deeper than 24 levels]');
});

test('queue entries (encodeSpanEntry) assembled per batch give the same request as the stock serializer, after a copy (a spool round trip) too; a damaged entry is skipped', () => {
  const stock = decodeTraceRequest(ProtobufTraceSerializer.serializeRequest(spans)!);
  const resource = encodeResource(RESOURCE);
  // entries as the transport holds them, then as a spool hands them back (fresh copies, no shared scope objects)
  const entries = spans.map((s) => encodeSpanEntry(s)).map((b) => Uint8Array.prototype.slice.call(b));
  const { body, skipped } = assembleTraceRequestFromEntries(resource, entries);
  assert.deepEqual(skipped, []);
  assert.deepEqual(decodeTraceRequest(body), stock, 'scopes merged in first-seen order, spans in order, resource once');
  const damaged = entries[1]!.slice(0, entries[1]!.length - 3);
  const withDamage = assembleTraceRequestFromEntries(resource, [entries[0]!, damaged, entries[2]!]);
  assert.deepEqual(withDamage.skipped, [1]);
  assert.equal(decodeTraceRequest(withDamage.body)[0]!.scopeSpans.flatMap((s) => s.spans).length, 2);
});
