import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDevCollector, type DevCollector } from '../src/index.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('POST /v1/ndjson: Meridian JSON log lines', () => {
  let c: DevCollector;
  before(async () => {
    c = await startDevCollector();
  });
  after(async () => {
    await c.close();
  });

  test('lines become DevLogRecords: time, level, message, service, ids, other fields as attributes', async () => {
    c.clear();
    const lines = [
      JSON.stringify({
        timestamp: '2026-11-21T05:10:33.123456Z',
        level: 'warn',
        message: 'slow query',
        service: 'orders',
        trace_id: TRACE,
        span_id: SPAN,
        trace_flags: '01',
        table: 'orders',
        ms: 812,
        err: { code: 'E1' },
      }),
      '',
      JSON.stringify({ time: 1_763_700_000_250, level: 50, msg: 'pino says', pid: 42 }),
    ].join('\n');
    const res = await fetch(`${c.url}/v1/ndjson`, { method: 'POST', body: lines, headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{}');
    const [a, b] = c.logs();
    assert.equal(a.timeUnixNano, '1795237833123456000');
    assert.equal(a.severityNumber, 13);
    assert.equal(a.severityText, 'warn');
    assert.equal(a.body, 'slow query');
    assert.deepEqual(a.resource, { 'service.name': 'orders' });
    assert.equal(a.traceId, TRACE);
    assert.equal(a.spanId, SPAN);
    assert.deepEqual(a.attributes, { table: 'orders', ms: 812, err: { code: 'E1' } });
    assert.equal(b.timeUnixNano, '1763700000250000000');
    assert.equal(b.severityNumber, 17);
    assert.equal(b.severityText, 'ERROR');
    assert.equal(b.body, 'pino says');
    assert.equal(b.traceId, undefined);
    assert.deepEqual(b.attributes, { pid: 42 });
  });

  test('unreadable lines are counted as rejected; the rest are kept; all-bad bodies get a 400', async () => {
    c.clear();
    const res = await fetch(`${c.url}/v1/ndjson`, {
      method: 'POST',
      body: '{"level":"info","message":"ok"}\nnot json\n[1]\n',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    assert.equal(body.partialSuccess.rejectedLogRecords, '2');
    assert.match(body.partialSuccess.errorMessage, /^line 2: not valid JSON/);
    assert.deepEqual(
      c.logs().map((l) => l.body),
      ['ok'],
    );

    const bad = await fetch(`${c.url}/v1/ndjson`, { method: 'POST', body: 'nope', headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /NDJSON log lines: line 1: not valid JSON/);
  });

  test('a protobuf content type on /v1/ndjson → 415', async () => {
    const res = await fetch(`${c.url}/v1/ndjson`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/x-protobuf' } });
    assert.equal(res.status, 415);
    await res.arrayBuffer();
  });
});
