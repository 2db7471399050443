// End-to-end (issue 12): the two-region demo with OTEL_TRACES_EXPORTER=otlp,elasticsearch. Every trace
// of the demo can be rebuilt from the Elasticsearch documents alone — transactions and spans linked by
// parent.id, nested in time — and matches what the OTLP collector received.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkServer, type Doc } from '@meridian/testing';
import { CUSTOMERS, runDemo, type DemoResult } from '@meridian/example-two-region-demo';

const dir = mkdtempSync(join(tmpdir(), 'meridian-es-traces-'));
const es = new BulkServer();
let result: DemoResult;

before(
  async () => {
    await es.start();
    result = await runDemo({
      quiet: true,
      htmlPath: join(dir, 'report.html'),
      serviceEnv: { OTEL_TRACES_EXPORTER: 'otlp,elasticsearch', MERIDIAN_ELASTICSEARCH_URL: es.url },
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await es.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Node = { doc: Doc; children: Node[] };
const get = (d: Doc, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], d);

test('the demo still passes with a second span exporter', () => {
  assert.ok(result.ok, result.problems.join('\n'));
  assert.deepEqual(es.violations, []);
});

test('every demo trace is rebuilt from Elasticsearch documents alone: one transaction root, links by parent.id, nested in time within a process', () => {
  const spans = es.received.filter((r) => r.index.startsWith('traces-')).map((r) => r.doc);
  assert.equal(spans.length, CUSTOMERS.length * 3, `span documents: ${spans.length}`);
  const byTrace = new Map<string, Doc[]>();
  for (const d of spans) {
    const t = String(get(d, 'trace.id'));
    byTrace.set(t, [...(byTrace.get(t) ?? []), d]);
  }
  assert.equal(byTrace.size, CUSTOMERS.length);
  assert.ok(byTrace.has(result.failedTraceId!), 'the declined payment trace is there');
  for (const [traceId, docs] of byTrace) {
    const byId = new Map(docs.map((d) => [String(get(d, 'span.id')), { doc: d, children: [] as Node[] }]));
    const roots: Node[] = [];
    for (const n of byId.values()) {
      const parent = get(n.doc, 'parent.id');
      if (parent === undefined) roots.push(n);
      else {
        const p = byId.get(String(parent));
        assert.ok(p, `trace ${traceId}: parent ${String(parent)} of ${String(get(n.doc, 'span.id'))} is among the documents`);
        p.children.push(n);
      }
    }
    assert.equal(roots.length, 1, `trace ${traceId} has one root`);
    // checkout SERVER (transaction) → checkout CLIENT (span, external/http) → payments SERVER (transaction)
    const root = roots[0]!;
    assert.equal(get(root.doc, 'processor.event'), 'transaction');
    assert.equal(get(root.doc, 'service.name'), 'checkout');
    const client = root.children.find((c) => get(c.doc, 'processor.event') === 'span');
    assert.ok(client, 'the outgoing call is a span of the checkout transaction');
    assert.equal(get(client.doc, 'span.type'), 'external');
    // Elastic APM groups a transaction's spans by transaction.id: the span names its local root
    assert.equal(get(root.doc, 'transaction.id'), get(root.doc, 'span.id'));
    assert.equal(get(client.doc, 'transaction.id'), get(root.doc, 'transaction.id'), `trace ${traceId}: the outgoing call's transaction.id`);
    assert.equal(client.children.length, 1);
    const remote = client.children[0]!;
    assert.equal(get(remote.doc, 'processor.event'), 'transaction');
    assert.equal(get(remote.doc, 'service.name'), 'payments');
    assert.equal(get(remote.doc, 'transaction.id'), get(remote.doc, 'span.id'), 'the payments SERVER span is a transaction of its own');
    // nested in time within one process (µs timestamps, ns durations); across the two processes the
    // clocks (each SDK's performance.timeOrigin) may differ, so there only the durations are checked
    const start = (n: Node): number => Number(get(n.doc, 'timestamp.us'));
    const end = (n: Node): number => start(n) + Number(get(n.doc, 'event.duration')) / 1000;
    assert.ok(start(client) >= start(root) && end(client) <= end(root), `trace ${traceId}: the outgoing call lies within the checkout transaction`);
    for (const n of [root, client, remote]) assert.ok(Number(get(n.doc, 'event.duration')) > 0, `trace ${traceId}: a positive duration`);
  }
});
