import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ensureContextManager, setContextField, withContext } from '@meridian/context';
import { createLogger } from '../src/index.js';
import { capture, topLevelKeys } from './helpers.js';

assert.ok(ensureContextManager(), 'a working OTel context manager');
const tracer = new BasicTracerProvider().getTracer('test');

test('trace_id, span_id and trace_flags are those of the active span', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  let expected: { traceId: string; spanId: string } | undefined;
  tracer.startActiveSpan('op', (span) => {
    expected = span.spanContext();
    log.info('inside');
    span.end();
  });
  log.info('outside');
  const [inside, outside] = dest.records();
  assert.ok(expected);
  assert.equal(inside.trace_id, expected.traceId);
  assert.equal(inside.span_id, expected.spanId);
  assert.equal(inside.trace_flags, '01');
  assert.match(inside.trace_id as string, /^[0-9a-f]{32}$/);
  assert.match(inside.span_id as string, /^[0-9a-f]{16}$/);
  assert.equal(outside.trace_id, undefined);
  assert.equal(outside.span_id, undefined);
});

test('trace ids follow async continuations and nested spans', async () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  const ids: string[] = [];
  await tracer.startActiveSpan('parent', async (parent) => {
    await new Promise((r) => setTimeout(r, 5));
    log.info('parent after await');
    ids.push(parent.spanContext().spanId);
    tracer.startActiveSpan('child', (child) => {
      log.info('in child');
      ids.push(child.spanContext().spanId);
      child.end();
    });
    parent.end();
  });
  const recs = dest.records();
  assert.deepEqual(
    recs.map((r) => r.span_id),
    ids,
  );
  assert.equal(recs[0].trace_id, recs[1].trace_id);
});

test('unsampled span: trace_flags "00"; uppercase hex ids are written lowercase; invalid span context: no ids', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  const unsampled = trace.wrapSpanContext({ traceId: '4BF92F3577B34DA6A3CE929D0E0E4736', spanId: '00F067AA0BA902B7', traceFlags: TraceFlags.NONE });
  context.with(trace.setSpan(context.active(), unsampled), () => log.info('unsampled'));
  const invalid = trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 });
  context.with(trace.setSpan(context.active(), invalid), () => log.info('invalid'));
  const [a, b] = dest.records();
  assert.equal(a.trace_id, '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.equal(a.span_id, '00f067aa0ba902b7');
  assert.equal(a.trace_flags, '00');
  assert.equal(b.trace_id, undefined);
  assert.equal(b.trace_flags, undefined);
});

test('request context fields are written; order: trace ids, context, bindings, call fields', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], service: 's' }).child({ component: 'db' });
  tracer.startActiveSpan('op', (span) => {
    withContext({ requestId: 'r-1', tenant: 't' }, () => {
      log.info('query', { rows: 3 });
    });
    span.end();
  });
  const line = dest.lines()[0];
  assert.deepEqual(topLevelKeys(line), [
    'timestamp',
    'level',
    'message',
    'service',
    'trace_id',
    'span_id',
    'trace_flags',
    'requestId',
    'tenant',
    'component',
    'rows',
  ]);
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.equal(rec.requestId, 'r-1');
  assert.equal(rec.tenant, 't');
});

test('setContextField changes are seen by the next record', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  withContext({ requestId: 'r-2' }, () => {
    log.info('before');
    setContextField('userId', 'u-9');
    log.info('after');
  });
  const [before, after] = dest.records();
  assert.equal(before.userId, undefined);
  assert.equal(after.userId, 'u-9');
  assert.equal(after.requestId, 'r-2');
});

test('a context fields object is serialised once, however many records use it', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  let reads = 0;
  const user = {
    get id(): string {
      reads++;
      return 'u-1';
    },
  };
  withContext({ user }, () => {
    for (let i = 0; i < 50; i++) log.info('x');
  });
  assert.equal(dest.records().length, 50);
  assert.deepEqual(dest.records()[49].user, { id: 'u-1' });
  assert.equal(reads, 1);
});

test('loggers sharing a scope each write the context fields with their own serialiser', () => {
  // The serialised fields are memoised on the scope (one slot): alternating loggers must not see each
  // other's text — here a redacting logger and one with redaction off (NODE_ENV is not production).
  const masked = capture();
  const clear = capture();
  const a = createLogger({ destinations: [masked] });
  const b = createLogger({ destinations: [clear], redaction: false });
  withContext({ contact: 'mei.chan@example.hk' }, () => {
    for (let i = 0; i < 3; i++) {
      a.info('a');
      b.info('b');
    }
    setContextField('contact', 'li.wei@example.sg');
    a.info('a');
    b.info('b');
  });
  const ma = masked.records();
  const cb = clear.records();
  assert.equal(ma.length, 4);
  assert.equal(cb.length, 4);
  for (const r of ma) assert.doesNotMatch(String(r.contact), /@example/, JSON.stringify(r));
  assert.deepEqual(
    cb.map((r) => r.contact),
    ['mei.chan@example.hk', 'mei.chan@example.hk', 'mei.chan@example.hk', 'li.wei@example.sg'],
  );
});

test('precedence without duplicate keys: call fields > bindings > context', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] }).child({ who: 'binding', b: 1 });
  withContext({ who: 'context', c: 1 }, () => {
    log.info('one');
    log.info('two', { who: 'call' });
    log.info('three', { c: 'call' });
  });
  const lines = dest.lines();
  for (const l of lines) {
    const keys = topLevelKeys(l);
    assert.equal(new Set(keys).size, keys.length, l);
  }
  const [one, two, three] = dest.records();
  assert.equal(one.who, 'binding');
  assert.equal(two.who, 'call');
  assert.equal(three.c, 'call');
  assert.equal(three.who, 'binding');
});

test('a record written through the internal context entry point carries that context, not the active one', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'warn' });
  const WRITE_IN_CONTEXT = Symbol.for('meridian.logger.writeInContext');
  const write = (log as unknown as Record<symbol, (ctx: unknown, level: string, message: string, fields: object) => void>)[WRITE_IN_CONTEXT];
  assert.equal(typeof write, 'function');
  let requestCtx: ReturnType<typeof context.active> | undefined;
  let requestSpan: { traceId: string; spanId: string } | undefined;
  withContext({ request_id: 'req-1' }, () => {
    tracer.startActiveSpan('request', (span) => {
      requestCtx = context.active();
      requestSpan = span.spanContext();
      span.end();
    });
  });
  // Written from outside the request (another scope, another span active), as the end of a request is.
  withContext({ request_id: 'other' }, () => {
    tracer.startActiveSpan('elsewhere', (span) => {
      write.call(log, requestCtx, 'warn', 'GET /x 404', { status: 404 });
      write.call(log, requestCtx, 'info', 'below the level', { status: 200 });
      log.warn('active context');
      span.end();
    });
  });
  const [written, active] = dest.records();
  assert.equal(dest.records().length, 2, 'the info record is below the logger level and not written');
  assert.equal(written.message, 'GET /x 404');
  assert.equal(written.level, 'warn');
  assert.equal(written.request_id, 'req-1');
  assert.equal(written.trace_id, requestSpan!.traceId);
  assert.equal(written.span_id, requestSpan!.spanId);
  assert.equal(written.status, 404);
  assert.equal(active.request_id, 'other');
  assert.notEqual(active.span_id, requestSpan!.spanId);
});
