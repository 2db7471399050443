/**
 * The W3C Trace Context test suite's tracestate cases that changed with the Level 2 key grammar and
 * the duplicate-key wording (w3c/trace-context test/test.py at acab820, 2026-06-30), replayed over
 * HTTP on loopback exactly as the harness runs them: the harness sends headers to a service, the
 * service (extract -> SERVER span -> CLIENT span -> inject) calls the harness back, and the harness
 * parses the tracestate headers of that callback the way its own Tracestate class does.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, SpanKind, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { AlwaysOnSampler, BasicTracerProvider, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
import { MeridianIdGenerator, RandomTraceFlagSampler, createMeridianPropagator } from '../src/index.js';

const TRACE_ID = '12345678901234567890123456789012';
const TP = `00-${TRACE_ID}-1234567890123456-00`;

/**
 * The harness's reading of the tracestate headers it got back: members split on OWS "," OWS, empty
 * ones skipped, a member outside the grammar is an error, and of a duplicated key the first is kept.
 */
const HARNESS_MEMBER = /^([0-9a-z][_0-9a-z\-*/@]{0,255})=([\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e])$/;
function harnessTracestate(rawHeaders: string[]): { map: Map<string, string>; text: string } {
  const map = new Map<string, string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'tracestate') continue;
    for (const member of rawHeaders[i + 1]!.split(/[ \t]*,[ \t]*/)) {
      if (member === '') continue;
      const m = HARNESS_MEMBER.exec(member);
      assert.ok(m, `the service sent a member outside the grammar: ${JSON.stringify(member)}`);
      if (!map.has(m[1]!)) map.set(m[1]!, m[2]!);
    }
  }
  return { map, text: [...map].map(([k, v]) => `${k}=${v}`).join(',') };
}

let harness: Server;
let service: Server;
let provider: BasicTracerProvider;
let harnessUrl = '';
let serviceUrl = '';
let waiting: ((raw: { traceparent: string; rawHeaders: string[] }) => void) | undefined;

before(async () => {
  const ids = new MeridianIdGenerator();
  provider = new BasicTracerProvider({ idGenerator: ids, sampler: new RandomTraceFlagSampler(new ParentBasedSampler({ root: new AlwaysOnSampler() }), ids) });
  const tracer = provider.getTracer('w3c-harness');
  const propagator = createMeridianPropagator(['tracecontext']);
  harness = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end('{}');
      waiting?.({ traceparent: String(req.headers.traceparent), rawHeaders: req.rawHeaders });
    });
  });
  service = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const server = tracer.startSpan('POST /test', { kind: SpanKind.SERVER }, parent);
      const client = tracer.startSpan('POST', { kind: SpanKind.CLIENT }, trace.setSpan(parent, server));
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(parent, client), headers, defaultTextMapSetter);
      const out = request(harnessUrl, { method: 'POST', headers }, (r) => {
        r.resume();
        r.on('end', () => {
          client.end();
          server.end();
          res.end();
        });
      });
      out.end('[]');
    });
  });
  await new Promise<void>((r) => harness.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  harnessUrl = `http://127.0.0.1:${(harness.address() as AddressInfo).port}/0`;
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}/test`;
});

after(async () => {
  await new Promise((r) => service.close(r));
  await new Promise((r) => harness.close(r));
  await provider.shutdown();
});

/** make_single_request_and_get_tracecontext: each [name, value] pair is its own header line. */
async function roundTrip(headers: Array<[string, string]>): Promise<{ traceId: string; tracestate: Map<string, string>; text: string }> {
  const callback = new Promise<{ traceparent: string; rawHeaders: string[] }>((resolve) => (waiting = resolve));
  const flat: string[] = ['host', new URL(serviceUrl).host, 'content-length', '0'];
  for (const [k, v] of headers) flat.push(k, v);
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(serviceUrl, { method: 'POST', headers: flat }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 200, 'the service answered');
  const got = await callback;
  const m = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(got.traceparent);
  assert.ok(m, `one valid traceparent, got ${got.traceparent}`);
  const ts = harnessTracestate(got.rawHeaders);
  return { traceId: m[1]!, tracestate: ts.map, text: ts.text };
}

test('harness test_tracestate_duplicated_keys: the tracestate is inherited with one or both of the duplicates', async () => {
  for (const [headers, accepted] of [
    [[['tracestate', 'foo=1,foo=1']], ['foo=1']],
    [[['tracestate', 'foo=1,foo=2']], ['foo=1', 'foo=2']],
    [
      [
        ['tracestate', 'foo=1'],
        ['tracestate', 'foo=1'],
      ],
      ['foo=1'],
    ],
    [
      [
        ['tracestate', 'foo=1'],
        ['tracestate', 'foo=2'],
      ],
      ['foo=1', 'foo=2'],
    ],
  ] as Array<[Array<[string, string]>, string[]]>) {
    const r = await roundTrip([['traceparent', TP], ...headers]);
    assert.equal(r.traceId, TRACE_ID);
    assert.ok(
      accepted.some((a) => r.text.includes(a)),
      `${JSON.stringify(headers)} -> ${JSON.stringify(r.text)}`,
    );
  }
});

test('harness test_tracestate_key_illegal_vendor_format: keys with "@" after the first character are inherited, a leading "@" discards', async () => {
  for (const [header, key] of [
    ['foo@=1,bar=2', 'foo@'],
    ['foo@@bar=1,bar=2', 'foo@@bar'],
    ['foo@bar@baz=1,bar=2', 'foo@bar@baz'],
  ]) {
    const r = await roundTrip([
      ['traceparent', TP],
      ['tracestate', header!],
    ]);
    assert.equal(r.tracestate.get(key!), '1', header);
    assert.equal(r.tracestate.get('bar'), '2', header);
  }
  const r = await roundTrip([
    ['traceparent', TP],
    ['tracestate', '@foo=1,bar=2'],
  ]);
  assert.equal(r.tracestate.has('bar'), false, '@foo is not a key: the header is discarded');
});

test('harness test_tracestate_key_length_limit: a key of up to 256 characters, "@" anywhere, no tenant/system limits', async () => {
  for (const key of ['z'.repeat(256), `${'t'.repeat(241)}@${'v'.repeat(14)}`, `${'t'.repeat(242)}@v`, `t@${'v'.repeat(15)}`]) {
    const r = await roundTrip([
      ['traceparent', TP],
      ['tracestate', 'foo=1'],
      ['tracestate', `${key}=1`],
    ]);
    assert.equal(r.tracestate.get('foo'), '1', `${key.length}-char key`);
    assert.equal(r.tracestate.get(key), '1', `${key.length}-char key`);
  }
  const r = await roundTrip([
    ['traceparent', TP],
    ['tracestate', 'foo=1'],
    ['tracestate', `${'z'.repeat(257)}=1`],
  ]);
  assert.equal(r.tracestate.has('foo'), false, 'a 257-character key discards the header');
});
