import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ECS_VERSION, MAX_LABELS, spanToEcs } from '../src/index.js';
import { ECS_PASSTHROUGH, fitsType } from '../src/internal/ecs-fields.js';
import { RESOURCE, span, threeSpanTrace, TRACE } from './helpers/spans.js';

type Doc = Record<string, any>;

function get(doc: Doc, dotted: string): unknown {
  if (dotted in doc) return doc[dotted];
  let o: unknown = doc;
  for (const k of dotted.split('.')) o = typeof o === 'object' && o !== null ? (o as Doc)[k] : undefined;
  return o;
}

/**
 * The package's ECS field checks, applied to a span document as it goes on the wire: every field
 * of ECS_PASSTHROUGH present has its ECS type (a mismatch would fail the document in
 * Elasticsearch), labels are flat strings under sanitized keys (ECS `labels`), and the APM fields
 * have the types of Elastic's APM field reference (long, boolean, keyword with fixed values).
 */
function assertEcsSpanDoc(wire: string): Doc {
  const doc = JSON.parse(wire) as Doc;
  assert.equal(Object.keys(doc)[0], '@timestamp', '@timestamp comes first');
  assert.match(doc['@timestamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(doc['ecs.version'], ECS_VERSION);
  for (const [name, field] of ECS_PASSTHROUGH) {
    const v = get(doc, name);
    if (v !== undefined) assert.ok(fitsType(v, field.type), `${name}=${JSON.stringify(v)} is an ECS ${field.type}`);
  }
  const long = (name: string, required = true) => {
    const v = get(doc, name);
    if (v === undefined && !required) return;
    assert.ok(Number.isSafeInteger(v) && (v as number) >= 0, `${name}=${JSON.stringify(v)} is a long`);
  };
  long('timestamp.us');
  long('event.duration');
  assert.match(String(get(doc, 'trace.id')), /^[0-9a-f]{32}$/);
  assert.match(String(get(doc, 'span.id')), /^[0-9a-f]{16}$/);
  if (doc.parent !== undefined) assert.match(doc.parent.id, /^[0-9a-f]{16}$/);
  assert.ok(['success', 'failure', 'unknown'].includes(doc.event.outcome), 'event.outcome is an ECS allowed value');
  assert.equal(doc.processor.name, 'transaction');
  assert.equal(typeof doc.service.name, 'string');
  if (doc.processor.event === 'transaction') {
    assert.equal(doc.transaction.id, doc.span.id, 'a transaction document carries its id as span.id too');
    long('transaction.duration.us');
    assert.equal(typeof doc.transaction.sampled, 'boolean');
    assert.equal(typeof doc.transaction.name, 'string');
    assert.equal(typeof doc.transaction.type, 'string');
  } else {
    assert.equal(doc.processor.event, 'span');
    long('span.duration.us');
    assert.equal(typeof doc.span.name, 'string');
    assert.equal(typeof doc.span.type, 'string');
  }
  if (doc.labels !== undefined) {
    for (const [k, v] of Object.entries(doc.labels as Doc)) {
      assert.doesNotMatch(k, /[.*\\]/, `label key ${k} is sanitized`);
      assert.equal(typeof v, 'string', `label ${k} is a flat string`);
    }
  }
  return doc;
}

describe('spanToEcs', () => {
  it('a trace of 3 spans can be rebuilt from its documents alone: parents, order, durations', () => {
    const spans = threeSpanTrace();
    // as they would come back from Elasticsearch: serialized, in no particular order
    const docs = spans
      .map((s) => JSON.stringify(spanToEcs(s)))
      .reverse()
      .map(assertEcsSpanDoc);
    const byParent = new Map<string | undefined, Doc[]>();
    for (const d of docs) {
      assert.equal(d.trace.id, TRACE);
      const p = d.parent?.id as string | undefined;
      byParent.set(p, [...(byParent.get(p) ?? []), d]);
    }
    const tree = (d: Doc): unknown[] => [
      d.span.name ?? d.transaction.name,
      d.processor.event,
      d.event.duration,
      d.timestamp.us,
      (byParent.get(d.span.id) ?? []).sort((a, b) => a.timestamp.us - b.timestamp.us).map(tree),
    ];
    const roots = byParent.get(undefined) ?? [];
    assert.equal(roots.length, 1, 'one root');
    const t0us = 1_795_239_000 * 1e6;
    assert.deepEqual(tree(roots[0]!), [
      'POST /v1/charges',
      'transaction',
      120_000_001,
      t0us,
      [['charge', 'span', 109_000_000, t0us + 1_000, [['GET ledger', 'span', 55_122_956, t0us + 40_000, []]]]],
    ]);
    const root = roots[0]!;
    assert.equal(root.transaction.duration.us, 120_000);
    assert.equal(root['@timestamp'], '2026-11-21T05:30:00.000Z');
    const ledger = docs.find((d) => d.span.name === 'GET ledger')!;
    assert.equal(ledger.span.duration.us, 55_122, 'µs, truncated');
    assert.equal(ledger['@timestamp'], '2026-11-21T05:30:00.040Z');
  });

  it('maps a SERVER span to a transaction with http/url/client fields and resource service/host/process fields', () => {
    const doc = assertEcsSpanDoc(JSON.stringify(spanToEcs(threeSpanTrace()[1]!, RESOURCE)));
    assert.deepEqual(doc.transaction, {
      id: 'aaaaaaaaaaaaaaaa',
      name: 'POST /v1/charges',
      type: 'request',
      duration: { us: 120_000 },
      result: 'HTTP 2xx',
      sampled: true,
    });
    assert.deepEqual(doc.span, { id: 'aaaaaaaaaaaaaaaa', kind: 'SERVER' });
    assert.equal(doc.parent, undefined);
    assert.deepEqual(doc.http, { request: { method: 'POST' }, response: { status_code: 201 }, version: '1.1' });
    assert.deepEqual(doc.url, { path: '/v1/charges', scheme: 'https', domain: 'api.example.com', port: 443 });
    assert.deepEqual(doc.client, { address: '10.0.3.7', ip: '10.0.3.7' });
    assert.equal(doc.user_agent.original, 'checkout-web/4.2.1');
    assert.deepEqual(doc.event, { duration: 120_000_001, outcome: 'success' });
    assert.deepEqual(doc.service, {
      name: 'payments-api',
      version: '4.2.1',
      environment: 'production',
      node: { name: '0c4c4b8e-8a4f-4a57-9a9b-2f6f3f4d1e11' },
      language: { name: 'nodejs' },
      runtime: { name: 'nodejs', version: '24.2.0' },
      framework: { name: '@meridian/http', version: '0.1.0' },
    });
    assert.deepEqual(doc.agent, { name: 'opentelemetry/nodejs/meridian', version: '0.1.0' });
    assert.deepEqual(doc.host, { name: 'web-1', architecture: 'amd64', os: { type: 'linux' } });
    assert.deepEqual(doc.process, { pid: 4242, parent: { pid: 1 }, executable: '/usr/local/bin/node', name: 'node' });
    assert.deepEqual(doc.labels, { service_namespace: 'shop', cloud_region: 'eu-central-1', http_route: '/v1/charges' });
  });

  it('maps exit spans to span.type/subtype/action, destination and service.target', () => {
    const parent = { spanId: 'aaaaaaaaaaaaaaaa' };
    const db = assertEcsSpanDoc(
      JSON.stringify(
        spanToEcs(
          span({
            name: 'SELECT ledger',
            spanId: '1111111111111111',
            parent,
            kind: 2,
            start: 0,
            end: 10,
            attributes: {
              'db.system.name': 'postgresql',
              'db.query.text': 'SELECT * FROM ledger WHERE id = $1',
              'db.namespace': 'payments',
              'server.address': 'pg-1',
              'server.port': 5432,
            },
          }),
        ),
      ),
    );
    assert.deepEqual(db.span, {
      id: '1111111111111111',
      name: 'SELECT ledger',
      type: 'db',
      kind: 'CLIENT',
      duration: { us: 0 },
      subtype: 'postgresql',
      action: 'query',
      db: { type: 'postgresql', statement: 'SELECT * FROM ledger WHERE id = $1', instance: 'payments' },
    });
    assert.deepEqual(db.service.target, { type: 'postgresql', name: 'payments' });
    assert.deepEqual(db.destination, { address: 'pg-1', port: 5432 });
    assert.equal(db.labels.service_namespace, 'shop', 'only resource labels: every db attribute was mapped');
    assert.equal(Object.keys(db.labels).includes('db_query_text'), false);

    const http = assertEcsSpanDoc(JSON.stringify(spanToEcs(threeSpanTrace()[0]!)));
    assert.deepEqual([http.span.type, http.span.subtype, http.service.target], ['external', 'http', { type: 'http', name: 'ledger.internal:8443' }]);
    assert.equal(http.url.full, 'https://ledger.internal:8443/balance?acct=7');
    assert.equal(http.url.domain, undefined, 'url.domain/port describe the server of a transaction only');

    const kafka = assertEcsSpanDoc(
      JSON.stringify(
        spanToEcs(
          span({
            name: 'charges publish',
            spanId: '2222222222222222',
            parent,
            kind: 3,
            start: 0,
            end: 10,
            attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'charges' },
          }),
        ),
      ),
    );
    assert.deepEqual(
      [kafka.span.type, kafka.span.subtype, kafka.span.action, kafka.span.message],
      ['messaging', 'kafka', 'send', { queue: { name: 'charges' } }],
    );

    const internal = assertEcsSpanDoc(JSON.stringify(spanToEcs(threeSpanTrace()[2]!)));
    assert.deepEqual([internal.span.type, internal.span.subtype, internal.service.target], ['app', 'internal', undefined]);
    assert.deepEqual([internal.labels.charge_amount, internal.labels.tags], ['1299', '["a","b"]'], 'unmapped attributes as string labels');
  });

  it('transaction or span: root, remote parent, SERVER and CONSUMER are transactions; a local CLIENT child is a span', () => {
    const ev = (s: Parameters<typeof span>[0]) => (spanToEcs(span(s)) as Doc).processor.event;
    const base = { name: 'x', spanId: '3333333333333333', start: 0, end: 1 };
    assert.equal(ev({ ...base, kind: 0 }), 'transaction', 'a root');
    assert.equal(ev({ ...base, kind: 0, parent: { spanId: '4444444444444444', isRemote: true } }), 'transaction', 'a remote parent');
    assert.equal(ev({ ...base, kind: 4, parent: { spanId: '4444444444444444' } }), 'transaction', 'CONSUMER');
    assert.equal(ev({ ...base, kind: 1, parent: { spanId: '4444444444444444' } }), 'transaction', 'SERVER');
    assert.equal(ev({ ...base, kind: 2, parent: { spanId: '4444444444444444' } }), 'span', 'CLIENT');
    const remote = spanToEcs(span({ ...base, kind: 0, parent: { spanId: '4444444444444444', isRemote: true }, flags: 0x00 })) as Doc;
    assert.equal(remote.parent.id, '4444444444444444', 'the remote parent stays the parent');
    assert.equal(remote.transaction.sampled, false);
    const child = spanToEcs(span({ ...base, kind: 2, parent: { spanId: '4444444444444444' } }), undefined, { transactionId: '4444444444444444' }) as Doc;
    assert.deepEqual(child.transaction, { id: '4444444444444444' }, 'transaction.id when the caller knows it');
  });

  it('event.outcome and transaction.result follow the status, then the HTTP status code', () => {
    const out = (kind: number, attributes: Record<string, unknown>, status?: { code: number; message?: string }, parent?: { spanId: string }) => {
      const d = spanToEcs(span({ name: 'x', spanId: '5555555555555555', kind, start: 0, end: 1, attributes, status, parent })) as Doc;
      return [d.event.outcome, d.transaction?.result];
    };
    const p = { spanId: '6666666666666666' };
    assert.deepEqual(out(1, { 'http.response.status_code': 503 }), ['failure', 'HTTP 5xx']);
    assert.deepEqual(out(1, { 'http.response.status_code': 404 }), ['success', 'HTTP 4xx'], "a 404 is the client's failure, not the server's");
    assert.deepEqual(out(2, { 'http.response.status_code': 404 }, undefined, p), ['failure', undefined], 'but a failed outgoing call');
    assert.deepEqual(out(0, {}, { code: 2, message: 'boom' }), ['failure', 'Error']);
    assert.deepEqual(out(1, { 'http.response.status_code': 500 }, { code: 1 }), ['success', 'HTTP 5xx'], 'an explicit OK wins');
    assert.deepEqual(out(0, {}), ['success', 'Success'], 'UNSET counts as success (APM 8.13+)');
    const withMessage = spanToEcs(
      span({ name: 'x', spanId: '5555555555555555', kind: 0, start: 0, end: 1, status: { code: 2, message: 'card declined' } }),
    ) as Doc;
    assert.equal(withMessage.labels.status_message, 'card declined');
  });

  it('a value of the wrong type never reaches a typed ECS field; labels are capped', () => {
    const attributes: Record<string, unknown> = { 'http.response.status_code': 'two hundred', 'client.address': 'not-an-ip', 'a.b*c\\d': true };
    for (let i = 0; i < MAX_LABELS + 3; i++) attributes[`f${i}`] = i;
    const doc = assertEcsSpanDoc(JSON.stringify(spanToEcs(span({ name: 'x', spanId: '7777777777777777', kind: 1, start: 0, end: 1, attributes }))));
    assert.equal(doc.http, undefined);
    assert.equal(doc.labels.http_response_status_code, 'two hundred');
    assert.deepEqual(doc.client, { address: 'not-an-ip' }, 'client.ip only for an IP');
    assert.equal(doc.labels.a_b_c_d, 'true');
    assert.equal(Object.keys(doc.labels).length, MAX_LABELS + 1);
    assert.ok(JSON.parse(doc.labels.meridian_overflow).f66 === 66);
  });

  it('links are kept as span.links', () => {
    const doc = spanToEcs(
      span({ name: 'batch', spanId: '8888888888888888', kind: 4, start: 0, end: 1, links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }] }),
    ) as Doc;
    assert.deepEqual(doc.span.links, [{ trace: { id: 'a'.repeat(32) }, span: { id: 'b'.repeat(16) } }]);
  });
});
