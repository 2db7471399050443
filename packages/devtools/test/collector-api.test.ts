import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDevCollector, type DevCollectorEvent } from '../src/index.js';
import { span, traceRequest } from './helpers/proto-writer.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const spanNamed = (name: string, i: number) =>
  span({
    traceId: TRACE,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name,
    startNs: 10n + BigInt(i),
    endNs: 20n + BigInt(i),
  });

async function postSpans(url: string, names: string[]): Promise<number> {
  const res = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    body: traceRequest('api', names.map(spanNamed)),
    headers: { 'content-type': 'application/x-protobuf' },
  });
  await res.arrayBuffer();
  return res.status;
}

test('waitFor resolves on arrival, times out with a clear error, and close() rejects pending waits', async () => {
  const c = await startDevCollector();
  const arrived = c.waitFor((s) => s.spans.some((x) => x.name === 'late'), 5_000);
  assert.equal(await postSpans(c.url, ['late']), 200);
  const snap = await arrived;
  assert.deepEqual(
    snap.spans.map((s) => s.name),
    ['late'],
  );

  await assert.rejects(
    c.waitFor((s) => s.spans.length > 5, 50),
    /MERIDIAN_ERR_DEVTOOLS_TIMEOUT: waitFor condition not met within 50 ms \(have 1 spans, 0 logs\)/,
  );
  const pending = c.waitFor(() => false, 10_000);
  await c.close();
  await assert.rejects(pending, /MERIDIAN_ERR_DEVTOOLS_CLOSED/);
  await c.close(); // idempotent
  await assert.rejects(fetch(`${c.url}/v1/traces`, { method: 'POST', body: '' }), 'no longer listening');
});

test('subscribe sees each batch; clear() empties; maxSpans drops the oldest and counts them', async () => {
  const c = await startDevCollector({ maxSpans: 3 });
  const events: DevCollectorEvent[] = [];
  const off = c.subscribe((e) => events.push(e));
  await postSpans(c.url, ['a', 'b']);
  await postSpans(c.url, ['c', 'd']);
  assert.deepEqual(
    events.map((e) => (e.type === 'spans' ? e.spans.map((s) => s.name) : [])),
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  );
  assert.deepEqual(
    c.spans().map((s) => s.name),
    ['b', 'c', 'd'],
  );
  assert.equal(c.stats().spansDropped, 1);
  assert.equal(c.stats().spansReceived, 4);
  off();
  await postSpans(c.url, ['e']);
  assert.equal(events.length, 2, 'no events after unsubscribe');
  c.clear();
  assert.deepEqual(c.spans(), []);
  assert.deepEqual(c.traces(), []);
  await c.close();
});
