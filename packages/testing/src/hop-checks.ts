/**
 * The checks the Express and Fastify adapter tests share: the A → B → C chain over loopback, and
 * 1,000 concurrent requests each seeing only its own ids. The services differ per framework; what
 * is sent and what must hold of the spans and log lines does not.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

type LogRecord = Record<string, unknown>;

/** GET `url` with the node:http client (B → C uses it while A → B uses fetch); resolves with the body. */
export function httpGetText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The spans of one request through services A (`/a`) → B (`/b`) → C (`/c`), started by the test's own
 * instrumented fetch: one trace id; root CLIENT /a without a parent; each hop the child of the previous
 * one; SERVER spans named `GET /a`, `GET /b`, `GET /c`; the lines "in A"/"in B"/"in C" carry the trace
 * id and their service's SERVER span id. Returns the chain (root, server A, client A→B, server B,
 * client B→C, server C) and the trace id.
 */
export function assertChainABC(spans: readonly ReadableSpan[], records: readonly LogRecord[]): { traceId: string; chain: ReadableSpan[] } {
  const find = (kind: SpanKind, suffix: string): ReadableSpan => {
    const s = spans.find((x) => x.kind === kind && String(x.attributes[kind === SpanKind.CLIENT ? 'url.full' : 'url.path']).endsWith(suffix));
    assert.ok(s, `${kind} span ${suffix}`);
    return s;
  };
  const root = find(SpanKind.CLIENT, '/a');
  const chain = [
    root,
    find(SpanKind.SERVER, '/a'),
    find(SpanKind.CLIENT, '/b'),
    find(SpanKind.SERVER, '/b'),
    find(SpanKind.CLIENT, '/c'),
    find(SpanKind.SERVER, '/c'),
  ];
  const traceId = root.spanContext().traceId;
  assert.equal(root.parentSpanContext, undefined);
  for (let i = 1; i < chain.length; i++) {
    assert.equal(chain[i].spanContext().traceId, traceId);
    assert.equal(chain[i].parentSpanContext?.spanId, chain[i - 1].spanContext().spanId, `hop ${i}: ${chain[i].name}`);
  }
  assert.deepEqual(
    chain.filter((s) => s.kind === SpanKind.SERVER).map((s) => s.name),
    ['GET /a', 'GET /b', 'GET /c'],
  );
  for (const [message, span] of [
    ['in A', chain[1]],
    ['in B', chain[3]],
    ['in C', chain[5]],
  ] as const) {
    const line = records.find((r) => r.message === message);
    assert.ok(line, `log line "${message}"`);
    assert.equal(line.trace_id, traceId);
    assert.equal(line.span_id, span.spanContext().spanId);
  }
  return { traceId, chain };
}

/** What `sendConcurrentWork` sent: each request's own trace id and request id. */
export interface SentWork {
  traceId: string;
  requestId: string;
}

/**
 * POST `{ n: i }` to `${url}/work` `n` times at once, each with its own traceparent and x-request-id;
 * every answer must be `{ ok: i }`.
 */
export function sendConcurrentWork(url: string, n: number): Promise<SentWork[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const traceId = randomBytes(16).toString('hex');
      const requestId = `req-${i}`;
      const res = await fetch(`${url}/work`, {
        method: 'POST',
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-request-id': requestId, 'content-type': 'application/json' },
        body: JSON.stringify({ n: i }),
      });
      assert.deepEqual(await res.json(), { ok: i });
      return { traceId, requestId };
    }),
  );
}

/**
 * The handler wrote `perRequest` lines per request, each with `expected` = its request's trace id:
 * there are exactly that many lines, and each carries its own request's trace id and request id.
 */
export function assertOwnIds(lines: readonly LogRecord[], sent: readonly SentWork[], perRequest: number): void {
  assert.equal(lines.length, perRequest * sent.length);
  const byRequest = new Map(sent.map((s) => [s.requestId, s.traceId]));
  for (const r of lines) {
    assert.equal(r.trace_id, r.expected, `line ${String(r.message)} of ${String(r.request_id)}`);
    assert.equal(byRequest.get(String(r.request_id)), r.trace_id);
  }
}

/**
 * A service with `metrics: true` serving `/hello` and a transport whose exporter is named
 * `exporterName`: GET /metrics answers the Prometheus text (that transport's counter at 0) with no
 * span and no access-log line, while /hello gets both.
 */
export async function assertMetricsServed(
  base: string,
  exporterName: string,
  spans: () => Promise<ReadableSpan[]>,
  records: readonly LogRecord[],
): Promise<void> {
  const res = await fetch(`${base}/metrics`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), new RegExp(`meridian_transport_records_enqueued_total\\{exporter="${exporterName}"\\} 0`));
  await (await fetch(`${base}/hello`)).text();
  assert.deepEqual(
    (await spans()).map((s) => s.name),
    ['GET /hello'],
  );
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(
    records.filter((r) => r.status !== undefined).map((r) => r.path),
    ['/hello'],
  );
}
