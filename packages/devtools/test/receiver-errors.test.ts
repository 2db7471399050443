import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { startDevCollector, type DevCollector } from '../src/index.js';
import { fixed32, fixed64, kv, len, span, str, tag, traceRequest, varint, vint } from './helpers/proto-writer.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const PROTO = { 'content-type': 'application/x-protobuf' };
const JSON_CT = { 'content-type': 'application/json' };

async function post(url: string, body: Uint8Array | string, headers: Record<string, string>, path = '/v1/traces') {
  const res = await fetch(url + path, { method: 'POST', body, headers });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

/** A google.rpc.Status in protobuf: code 1 (varint), message 2. */
function protoStatus(body: Buffer): { code: number; message: string } {
  assert.equal(body[0], 0x08, 'Status.code tag first');
  const code = body[1];
  assert.equal(body[2], 0x12, 'Status.message tag');
  let i = 3;
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = body[i++];
    n |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  return { code, message: body.subarray(i, i + n).toString('utf8') };
}

const validSpan = (name: string, extra: number[] = []) => span({ traceId: TRACE, spanId: SPAN, name, startNs: 1_000_000_000n, endNs: 1_005_000_000n, extra });

/** AnyValue nested `depth` levels deep through array_value. */
function nestedArray(depth: number): number[] {
  // Built with Buffer.concat: spreading number arrays 5000 levels deep takes seconds.
  let v = Buffer.from(str(1, 'leaf'));
  for (let i = 0; i < depth; i++) {
    const inner = Buffer.concat([Buffer.from([...tag(1, 2), ...varint(v.length)]), v]);
    v = Buffer.concat([Buffer.from([...tag(5, 2), ...varint(inner.length)]), inner]);
  }
  return [...v];
}

describe('receiver: answers and robustness', () => {
  let c: DevCollector;
  before(async () => {
    c = await startDevCollector({ maxBodyBytes: 64 * 1024 });
  });
  after(async () => {
    await c.close();
  });

  test('a valid protobuf request gets 200 with an empty ExportTraceServiceResponse', async () => {
    const r = await post(c.url, traceRequest('svc', [validSpan('ok')]), PROTO);
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/x-protobuf');
    assert.equal(r.body.length, 0);
  });

  test('a valid JSON request gets 200 with {}', async () => {
    const r = await post(c.url, JSON.stringify({ resourceSpans: [] }), { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/json');
    assert.equal(r.body.toString(), '{}');
  });

  const malformed: Array<[string, number[], RegExp]> = [
    ['truncated varint', [...tag(1, 2), 0xff], /truncated varint at byte 1/],
    ['length beyond the buffer', [...tag(1, 2), 0x10, 0x01], /length 16 runs past the end/],
    ['wrong wire type for resource_spans', vint(1, 1), /ExportTraceServiceRequest\.resource_spans \(field 1\): expected wire type LEN, got VARINT/],
    [
      'wrong wire type deep inside a span',
      [...traceRequest('svc', [[...validSpan('x'), ...vint(5, 3)]])],
      /Span\.name \(field 5\): expected wire type LEN, got VARINT/,
    ],
    ['invalid wire type 7', [0x0f], /invalid wire type 7/],
    ['group wire type', [0x0b], /unsupported wire type 3/],
    ['field number 0', [0x02, 0x00], /invalid field number 0/],
    ['truncated fixed64 timestamp', [...traceRequest('svc', [[...len(1, [1]), ...tag(7, 1), 1, 2]])], /truncated 64-bit field/],
    ['AnyValue nested 40 deep', [...traceRequest('svc', [validSpan('deep', len(9, kv('a', nestedArray(40))))])], /nested deeper than 32 levels/],
    ['AnyValue nested 5000 deep', [...traceRequest('svc', [validSpan('deep', len(9, kv('a', nestedArray(5000))))])], /nested deeper than 32 levels/],
  ];
  for (const [what, bytes, expected] of malformed) {
    test(`malformed protobuf (${what}) → 400 with a google.rpc.Status saying why`, async () => {
      const r = await post(c.url, Buffer.from(bytes), PROTO);
      assert.equal(r.status, 400);
      assert.equal(r.type, 'application/x-protobuf');
      const status = protoStatus(r.body);
      assert.equal(status.code, 3, 'INVALID_ARGUMENT');
      assert.match(status.message, expected);
      assert.match(status.message, /^MERIDIAN_ERR_DEVTOOLS_BAD_BODY: body is not an OTLP traces request \(protobuf\)/);
    });
  }

  test('malformed protobuf on /v1/logs → 400 too', async () => {
    const r = await post(c.url, Buffer.from([...tag(1, 2), 0x05, 0x12, 0x03]), PROTO, '/v1/logs');
    assert.equal(r.status, 400);
    assert.match(protoStatus(r.body).message, /runs past the end/);
  });

  test('random bytes never get anything but 200 or 400, and the receiver keeps serving', async () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const valid = traceRequest('fuzz', [validSpan('f', len(9, kv('k', str(1, 'v'))))]);
    const statuses = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const body = Buffer.from(valid);
      // Corrupt a few bytes of a valid request, or cut it short.
      for (let j = 0; j < 3; j++) body[Math.floor(rand() * body.length)] = Math.floor(rand() * 256);
      const cut = rand() < 0.3 ? body.subarray(0, Math.floor(rand() * body.length)) : body;
      const r = await post(c.url, cut, PROTO);
      statuses.add(r.status);
      assert.ok(r.status === 200 || r.status === 400, `status ${r.status} for ${cut.toString('hex')}`);
    }
    assert.ok(statuses.has(400), 'some corrupted bodies were refused');
    const ok = await post(c.url, traceRequest('svc', [validSpan('after-fuzz')]), PROTO);
    assert.equal(ok.status, 200);
    assert.ok(c.spans().some((s) => s.name === 'after-fuzz'));
  });

  test('unknown fields of every wire type are skipped at every level; int64 beyond 2^53 stays exact', async () => {
    c.clear();
    const unknown = [...vint(99, 7), ...fixed64(100, 5n), ...len(101, [1, 2, 3]), ...fixed32(102, 9)];
    const attrs = [
      ...len(9, kv('big', vint(3, 2n ** 60n + 1n))),
      ...len(9, kv('neg', vint(3, -5n))),
      ...len(9, kv('weird', [...unknown, ...str(1, 'still-read')])),
    ];
    const spanBytes = [...unknown, ...validSpan('with-unknowns', [...attrs, ...unknown])];
    // Resource placed after the scope_spans, plus unknown fields on the envelope messages.
    const scopeSpans = len(2, [...unknown, ...len(1, str(1, 'scope')), ...len(2, spanBytes)]);
    const resource = len(1, [...unknown, ...len(1, kv('service.name', str(1, 'late-resource')))]);
    const body = Buffer.from([...unknown, ...len(1, [...scopeSpans, ...unknown, ...resource])]);
    const r = await post(c.url, body, PROTO);
    assert.equal(r.status, 200);
    const [s] = c.spans();
    assert.equal(s.name, 'with-unknowns');
    assert.equal(s.attributes.big, 2n ** 60n + 1n);
    assert.equal(s.attributes.neg, -5);
    assert.equal(s.attributes.weird, 'still-read');
    assert.equal(s.resource['service.name'], 'late-resource');
    assert.equal(s.durationMs, 5);
  });

  test('spans with invalid ids are rejected as an OTLP partial success; the others are kept', async () => {
    c.clear();
    const bad = span({ traceId: 'abcd', spanId: SPAN, name: 'short-trace-id', startNs: 1n, endNs: 2n });
    const r = await post(c.url, traceRequest('svc', [validSpan('good'), bad]), PROTO);
    assert.equal(r.status, 200);
    // ExportTraceServiceResponse.partial_success(1) { rejected_spans(1) = 1, error_message(2) }
    assert.deepEqual([...r.body.subarray(2, 4)], [0x08, 0x01]);
    assert.match(r.body.toString('utf8'), /trace_id must be 16 bytes/);
    assert.deepEqual(
      c.spans().map((s) => s.name),
      ['good'],
    );

    const j = await post(
      c.url,
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  { traceId: TRACE, spanId: '00f067aa0ba902b7', name: 'json-good' },
                  { traceId: TRACE, spanId: '', name: 'no-span-id' },
                ],
              },
            ],
          },
        ],
      }),
      JSON_CT,
    );
    assert.equal(j.status, 200);
    const parsed = JSON.parse(j.body.toString()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    assert.equal(parsed.partialSuccess.rejectedSpans, '1');
    assert.match(parsed.partialSuccess.errorMessage, /span "no-span-id" rejected: span_id must be 8 bytes/);
  });

  test('bad JSON → 400 with a JSON Status naming the problem', async () => {
    const r1 = await post(c.url, '{"resourceSpans": [', JSON_CT);
    assert.equal(r1.status, 400);
    assert.equal(r1.type, 'application/json');
    const s1 = JSON.parse(r1.body.toString()) as { code: number; message: string };
    assert.equal(s1.code, 3);
    assert.match(s1.message, /body is not valid JSON/);
    const r2 = await post(c.url, JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: 'soon' }] }] }] }), JSON_CT);
    assert.equal(r2.status, 400);
    assert.match(JSON.parse(r2.body.toString()).message, /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.startTimeUnixNano: expected a 64-bit integer/);
    const huge = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, endTimeUnixNano: 1e300 }] }] }] });
    const r4 = await post(c.url, huge, JSON_CT);
    assert.equal(r4.status, 400);
    assert.match(JSON.parse(r4.body.toString()).message, /endTimeUnixNano: expected a 64-bit integer \(number or decimal string\), got 1e\+300/);
    const r3 = await post(c.url, '[1,2]', JSON_CT, '/v1/logs');
    assert.equal(r3.status, 400);
    assert.match(JSON.parse(r3.body.toString()).message, /must be a JSON object/);
  });

  test('JSON: AnyValue nested too deep → 400; a "__proto__" attribute key stays a plain attribute', async () => {
    let deep: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) deep = { arrayValue: { values: [deep] } };
    const spanJson = (attributes: unknown[]) =>
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, name: 'json-attrs', attributes }] }] }] });
    const r = await post(c.url, spanJson([{ key: 'deep', value: deep }]), JSON_CT);
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body.toString()).message, /AnyValue nested deeper than 32 levels/);

    c.clear();
    const polluting = {
      kvlistValue: { values: [{ key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } } }] },
    };
    const ok = await post(
      c.url,
      spanJson([
        { key: '__proto__', value: { stringValue: 'x' } },
        { key: 'map', value: polluting },
      ]),
      JSON_CT,
    );
    assert.equal(ok.status, 200);
    const [s] = c.spans();
    assert.equal(Object.getPrototypeOf(s.attributes), Object.prototype);
    assert.deepEqual(Object.keys(s.attributes), ['__proto__', 'map']);
    assert.equal(Object.getOwnPropertyDescriptor(s.attributes, '__proto__')?.value, 'x');
    assert.equal((s.attributes.map as Record<string, unknown>).polluted, undefined, 'nested __proto__ did not become a prototype');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('gzip declared but not gzip → 400; unknown content-encoding → 415', async () => {
    const r = await post(c.url, 'not gzip', { ...JSON_CT, 'content-encoding': 'gzip' });
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body.toString()).message, /^MERIDIAN_ERR_DEVTOOLS_BAD_BODY: content-encoding is gzip but the body does not inflate/);
    const b = await post(c.url, '{}', { ...JSON_CT, 'content-encoding': 'br' });
    assert.equal(b.status, 415);
    assert.match(JSON.parse(b.body.toString()).message, /^MERIDIAN_ERR_DEVTOOLS_MEDIA_TYPE: unsupported content-encoding "br"; accepted: gzip, identity/);
  });

  test('other content types → 415, other paths → 404, other methods → 405', async () => {
    const t = await post(c.url, 'hello', { 'content-type': 'text/plain' });
    assert.equal(t.status, 415);
    assert.match(
      JSON.parse(t.body.toString()).message,
      /^MERIDIAN_ERR_DEVTOOLS_MEDIA_TYPE: unsupported content-type "text\/plain"; accepted: application\/x-protobuf, application\/json/,
    );
    const m = await post(c.url, '{}', JSON_CT, '/v1/metrics');
    assert.equal(m.status, 404);
    assert.match(JSON.parse(m.body.toString()).message, /^MERIDIAN_ERR_DEVTOOLS_NOT_FOUND: no such path \/v1\/metrics/);
    const g = await fetch(`${c.url}/v1/traces`);
    assert.equal(g.status, 405);
    assert.equal(g.headers.get('allow'), 'POST');
    await g.arrayBuffer();
  });

  test('bodies over maxBodyBytes → 413, compressed or once inflated', async () => {
    const big = await post(c.url, Buffer.alloc(70 * 1024, 1), PROTO);
    assert.equal(big.status, 413);
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024, 'the compressed body itself is under the limit');
    const inflated = await post(c.url, bomb, { ...PROTO, 'content-encoding': 'gzip' });
    assert.equal(inflated.status, 413);
    assert.match(protoStatus(inflated.body).message, /^MERIDIAN_ERR_DEVTOOLS_TOO_LARGE: inflated request body larger than the 65536-byte limit/);
  });

  test('after every bad request the collector still works, and counted them', async () => {
    c.clear();
    const r = await post(c.url, gzipSync(traceRequest('svc', [validSpan('still-alive')])), { ...PROTO, 'content-encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.deepEqual(
      c.spans().map((s) => s.name),
      ['still-alive'],
    );
    assert.ok(c.stats().badRequests >= 20);
  });

  test('varint helper sanity: the writer encodes 300 as ac 02', () => {
    // Guards the hand-made bodies above against a broken test encoder.
    assert.deepEqual(varint(300), [0xac, 0x02]);
  });
});
