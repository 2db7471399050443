import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ECS_VERSION, MAX_LABELS, toEcs } from '../src/index.js';

/**
 * Constraints of the ECS logging specification, written down from
 * github.com/elastic/ecs-logging spec/spec.json (spec version 1.0):
 * - `@timestamp`: datetime, required, first key (index 0)
 * - `log.level`: string, required, second key (index 1), nesting not allowed (a dotted top-level key)
 * - `message`: string, required, third key (index 2)
 * - `ecs.version`: string, required
 * - `labels`: object; in keys, '.', '*' and '\' are replaced by '_'
 * - `trace.id`, `service.name`: strings
 */
const SPEC_REQUIRED = [
  { field: '@timestamp', type: 'datetime', index: 0 },
  { field: 'log.level', type: 'string', index: 1, nesting: false },
  { field: 'message', type: 'string', index: 2 },
  { field: 'ecs.version', type: 'string' },
] as const;

function get(doc: Record<string, unknown>, dotted: string): unknown {
  if (dotted in doc) return doc[dotted];
  let o: unknown = doc;
  for (const k of dotted.split('.')) o = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return o;
}

/** Validate a serialized document (what goes on the wire) against the constraints above. */
function assertSpec(wire: string): Record<string, unknown> {
  const doc = JSON.parse(wire) as Record<string, unknown>;
  const keys = Object.keys(doc);
  for (const f of SPEC_REQUIRED) {
    const v = get(doc, f.field);
    assert.notEqual(v, undefined, `${f.field} is required`);
    if (f.type === 'datetime') {
      assert.equal(typeof v, 'string');
      assert.match(v as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${f.field} is an ISO 8601 UTC date`);
      assert.ok(!Number.isNaN(Date.parse(v as string)));
    } else assert.equal(typeof v, 'string', `${f.field} is a string`);
    if ('index' in f) assert.equal(keys[f.index], f.field, `${f.field} is at index ${f.index}`);
    if ('nesting' in f && f.nesting === false) {
      assert.ok(f.field in doc, `${f.field} is a dotted top-level key`);
      assert.equal((doc.log as Record<string, unknown> | undefined)?.level, undefined, `${f.field} is not nested`);
    }
  }
  const labels = doc.labels as Record<string, unknown> | undefined;
  if (labels !== undefined) {
    for (const [k, v] of Object.entries(labels)) {
      assert.doesNotMatch(k, /[.*\\]/, `label key ${k} is sanitized`);
      assert.equal(typeof v, 'string', `label ${k} is a flat string`);
    }
  }
  if (get(doc, 'trace.id') !== undefined) assert.equal(typeof get(doc, 'trace.id'), 'string');
  if (get(doc, 'service.name') !== undefined) assert.equal(typeof get(doc, 'service.name'), 'string');
  return doc;
}

const accessLine = JSON.stringify({
  timestamp: '2026-11-21T05:30:00.123Z',
  level: 'warn',
  message: 'POST /v1/charges 404',
  service: 'payments-api',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  trace_flags: '01',
  request_id: 'req-7',
  method: 'POST',
  route: '/v1/charges',
  path: '/v1/charges',
  status: 404,
  duration_ms: 12.5,
  bytes: 87,
  'user.id': 'u-1',
  'client.ip': '10.0.0.7',
  'http.response.status_code': 'four-oh-four',
  'a.b*c\\d': 1,
  nested: { x: [1, 2] },
});

describe('toEcs', () => {
  it('meets the ECS logging spec constraints for an access-log record', () => {
    const doc = assertSpec(JSON.stringify(toEcs(accessLine)));
    assert.equal(doc['ecs.version'], ECS_VERSION);
    assert.deepEqual(
      { ts: doc['@timestamp'], level: doc['log.level'], message: doc.message },
      { ts: '2026-11-21T05:30:00.123Z', level: 'warn', message: 'POST /v1/charges 404' },
    );
  });

  it('maps the Meridian fields as the README table says', () => {
    const doc = toEcs(accessLine) as Record<string, any>;
    assert.equal(doc.service.name, 'payments-api');
    assert.equal(doc.trace.id, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(doc.span.id, '00f067aa0ba902b7');
    assert.equal(doc.http.request.id, 'req-7');
    assert.equal(doc.http.request.method, 'POST');
    assert.equal(doc.http.response.status_code, 404);
    assert.equal(doc.http.response.body.bytes, 87);
    assert.equal(doc.url.path, '/v1/charges');
    assert.equal(doc.event.duration, 12_500_000, 'event.duration is in nanoseconds');
    assert.equal(doc.user.id, 'u-1');
    assert.equal(doc.client.ip, '10.0.0.7');
    assert.deepEqual(doc.labels, {
      trace_flags: '01',
      route: '/v1/charges',
      // an ECS name with a value of the wrong type is not allowed into the long field
      http_response_status_code: 'four-oh-four',
      a_b_c_d: '1',
      nested: '{"x":[1,2]}',
    });
  });

  it("maps the access line's server_address, user_agent and client_address to their ECS fields", () => {
    const line = {
      ...(JSON.parse(accessLine) as Record<string, unknown>),
      server_address: 'pay.example.com',
      user_agent: 'curl/8.5.0',
      client_address: '203.0.113.9',
    };
    const doc = assertSpec(JSON.stringify(toEcs(line))) as Record<string, any>;
    assert.equal(doc.server.address, 'pay.example.com');
    assert.equal(doc.user_agent.original, 'curl/8.5.0');
    assert.equal(doc.client.address, '203.0.113.9');
    assert.equal(doc.client.ip, '10.0.0.7', "the caller's own client.ip wins");
    const redacted = toEcs({ ...line, 'client.ip': undefined, client_address: '[REDACTED:ipv4]' }) as Record<string, any>;
    assert.deepEqual(redacted.client, { address: '[REDACTED:ipv4]' }, 'client.ip only for an IP');
    const notAccess = toEcs({ timestamp: '2026-11-21T05:30:00.000Z', level: 'info', message: 'm', user_agent: 'x', client_address: 'y' }) as Record<
      string,
      any
    >;
    assert.deepEqual(notAccess.labels, { user_agent: 'x', client_address: 'y' }, 'outside an access line they are labels');
  });

  it('writes errors as error.type / message / stack_trace / code, causes appended', () => {
    const line = JSON.stringify({
      timestamp: '2026-11-21T05:30:00.123Z',
      level: 'error',
      message: 'card declined',
      service: 'checkout',
      error: {
        type: 'Error',
        message: 'card declined',
        stack: 'Error: card declined\n    at pay (file:///app/pay.js:10:17)',
        code: 'E_DECLINED',
        cause: { type: 'Error', message: 'issuer timeout', stack: 'Error: issuer timeout\n    at x', code: 'ETIMEDOUT' },
      },
    });
    const doc = assertSpec(JSON.stringify(toEcs(line))) as Record<string, any>;
    assert.equal(doc.error.type, 'Error');
    assert.equal(doc.error.message, 'card declined');
    assert.equal(doc.error.code, 'E_DECLINED');
    assert.equal(doc.error.stack_trace, 'Error: card declined\n    at pay (file:///app/pay.js:10:17)\nCaused by: Error: issuer timeout\n    at x');
  });

  it('keeps a lone `status` that is not an HTTP status, and caps labels', () => {
    const fields: Record<string, unknown> = { timestamp: '2026-11-21T05:30:00.000Z', level: 'info', message: 'm', status: 'active', path: '/srv/app/x' };
    for (let i = 0; i < MAX_LABELS + 5; i++) fields[`f${i}`] = i;
    const doc = assertSpec(JSON.stringify(toEcs(fields))) as Record<string, any>;
    assert.equal(doc.http, undefined);
    assert.equal(doc.labels.status, 'active');
    assert.equal(doc.labels.path, '/srv/app/x');
    assert.equal(Object.keys(doc.labels).length, MAX_LABELS + 1);
    const overflow = JSON.parse(doc.labels.meridian_overflow) as Record<string, number>;
    assert.deepEqual(Object.keys(overflow), ['f62', 'f63', 'f64', 'f65', 'f66', 'f67', 'f68']);
  });

  it('turns a line that is not JSON into a valid document instead of throwing', () => {
    const doc = assertSpec(JSON.stringify(toEcs('not json {', { time: Date.UTC(2026, 10, 21), level: 'error' }))) as Record<string, any>;
    assert.equal(doc.message, 'not json {');
    assert.equal(doc['log.level'], 'error');
    assert.equal(doc['@timestamp'], '2026-11-21T00:00:00.000Z');
    assert.equal(doc.labels.meridian_unparsed, 'true');
  });

  it('maps caller fields to log.origin', () => {
    const doc = toEcs({ timestamp: '2026-11-21T05:30:00.000Z', level: 'debug', message: 'x', caller: { file: 'pay.js', line: 10, function: 'pay' } }) as Record<
      string,
      any
    >;
    assert.deepEqual(doc.log.origin, { file: { name: 'pay.js', line: 10 }, function: 'pay' });
    assertSpec(JSON.stringify(doc));
  });
});
