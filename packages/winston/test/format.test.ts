import { test } from 'node:test';
import assert from 'node:assert/strict';
import winston from 'winston';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '@meridian/config';
import { ensureContextManager, withContext } from '@meridian/context';
import { FORMAT_ERROR_FIELD, MERIDIAN, meridianFormat, meridianJson, type WinstonInfo } from '../src/index.js';
import { CARD, EMAIL, LineSink, clean, diagnostics } from './helpers.js';

assert.ok(ensureContextManager(), 'a working OTel context manager');
const tracer = new BasicTracerProvider().getTracer('test');
const { format } = winston;
const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');
const SPLAT = Symbol.for('splat');
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function setup(fmt: winston.Logform.Format): { logger: winston.Logger; sink: LineSink } {
  const sink = new LineSink();
  const logger = winston.createLogger({ level: 'silly', format: fmt, transports: [new winston.transports.Stream({ stream: sink })] });
  return { logger, sink };
}
const mf = (o: Parameters<typeof meridianFormat>[0] = {}) => meridianFormat(o);

test('adds a UTC timestamp, the service, and keeps level and message (format.json after it)', () => {
  const { logger, sink } = setup(format.combine(mf({ service: 'checkout' }), format.json()));
  const before = Date.now();
  logger.info('order placed', { orderId: 42 });
  const [r] = sink.records();
  assert.equal(r.level, 'info');
  assert.equal(r.message, 'order placed');
  assert.equal(r.service, 'checkout');
  assert.equal(r.orderId, 42);
  assert.match(r.timestamp as string, ISO_UTC);
  const t = Date.parse(r.timestamp as string);
  assert.ok(t >= before - 1 && t <= Date.now() + 1, 'timestamp is now');
  assert.equal(r.trace_id, undefined, 'no span, no trace ids');
});

test('redacts message, metadata at any depth and sensitive keys (no splat format)', () => {
  const { logger, sink } = setup(format.combine(mf(), format.json()));
  logger.info(`charge ${CARD} for ${EMAIL}`, { user: { email: EMAIL, password: 'hunter2', id: 7 }, note: `card ${CARD}`, items: [{ contact: EMAIL }] });
  assert.equal(sink.lines.length, 1);
  assert.ok(clean(sink.lines[0]), sink.lines[0]);
  const r = sink.records()[0] as any;
  assert.equal(r.message, 'charge [REDACTED:card] for [REDACTED:email]');
  assert.deepEqual(r.user, { email: '[REDACTED:email]', password: '[REDACTED:secret]', id: 7 });
  assert.equal(r.note, 'card [REDACTED:card]');
  assert.deepEqual(r.items, [{ contact: '[REDACTED:email]' }]);
});

test('format.splat() before meridianFormat: the interpolated message and merged metadata are redacted', () => {
  const { logger, sink } = setup(format.combine(format.splat(), mf(), format.json()));
  logger.info('charge %s for %s', CARD, EMAIL, { payer: { email: EMAIL }, password: 'hunter2' });
  assert.ok(clean(sink.lines[0]), sink.lines[0]);
  const r = sink.records()[0] as any;
  assert.equal(r.message, 'charge [REDACTED:card] for [REDACTED:email]');
  assert.deepEqual(r.payer, { email: '[REDACTED:email]' });
  assert.equal(r.password, '[REDACTED:secret]');
});

test('format.splat() after meridianFormat: it interpolates and merges redacted splat arguments', () => {
  const { logger, sink } = setup(format.combine(mf(), format.splat(), format.json()));
  logger.info('charge %s for %j', CARD, { email: EMAIL }, { payer: { email: EMAIL }, password: 'hunter2' });
  assert.ok(clean(sink.lines[0]), sink.lines[0]);
  const r = sink.records()[0] as any;
  assert.equal(r.message, 'charge [REDACTED:card] for {"email":"[REDACTED:email]"}');
  assert.deepEqual(r.payer, { email: '[REDACTED:email]' });
  assert.equal(r.password, '[REDACTED:secret]');
});

test('splat arguments with no token, no splat format: the raw meta never reaches the output', () => {
  const { logger, sink } = setup(format.combine(mf(), format.splat(), format.json()));
  logger.warn('login', { user: EMAIL }, { card: CARD });
  assert.ok(clean(sink.lines[0]), sink.lines[0]);
  const r = sink.records()[0] as any;
  assert.equal(r.user, '[REDACTED:email]');
  assert.equal(r.card, '[REDACTED:card]');
});

test("never mutates the caller's objects: metadata, splat arguments and a logged info object", () => {
  const { logger, sink } = setup(format.combine(format.splat(), mf(), format.json()));
  const meta = { user: { email: EMAIL, password: 'hunter2', tags: ['a', EMAIL] }, nested: { deep: { card: CARD } } };
  const arg = { contact: { email: EMAIL } };
  const metaBefore = structuredClone(meta);
  const argBefore = structuredClone(arg);
  logger.info('hello %j', arg, meta);
  assert.deepEqual(meta, metaBefore);
  assert.deepEqual(arg, argBefore);

  const infoObject = { level: 'info', message: `to ${EMAIL}`, payload: { card: CARD, list: [{ email: EMAIL }] } };
  const payloadBefore = structuredClone(infoObject.payload);
  logger.log(infoObject);
  assert.deepEqual(infoObject.payload, payloadBefore);
  assert.equal(infoObject.message, `to ${EMAIL}`);
  assert.equal((infoObject as Record<string, unknown>).timestamp, undefined, 'no field added to the caller object');
  assert.ok(sink.lines.every(clean), sink.lines.join('\n'));
});

test('transform() returns a new info and leaves the given one as it was', () => {
  const f = meridianFormat();
  const nested = { email: EMAIL };
  const info: WinstonInfo = { level: 'info', message: EMAIL, nested, [LEVEL]: 'info', [SPLAT]: [nested] };
  const stringKeyed = (o: object) => Object.fromEntries(Object.entries(o));
  const snapshot = structuredClone(stringKeyed(info));
  const out = f.transform(info);
  assert.notEqual(out, info);
  assert.deepEqual(stringKeyed(info), snapshot);
  assert.deepEqual(Object.getOwnPropertySymbols(info), [LEVEL, SPLAT]);
  assert.equal(info[SPLAT] instanceof Array && (info[SPLAT] as unknown[])[0], nested);
  assert.equal(out.message, '[REDACTED:email]');
  assert.equal(out[LEVEL], 'info');
  assert.deepEqual((out[SPLAT] as unknown[])[0], { email: '[REDACTED:email]' });
});

test('never throws: circular metadata, throwing getters and an unreadable info object', async () => {
  const { logger, sink } = setup(format.combine(mf(), format.json()));
  const circular: Record<string, unknown> = { name: EMAIL };
  circular.self = circular;
  logger.info('cycle', { circular });
  const nested = {
    get secret(): string {
      throw new Error('nope');
    },
    ok: 1,
  };
  logger.info('getter', { nested });
  const [r1, r2] = sink.records() as any[];
  assert.deepEqual(r1.circular, { name: '[REDACTED:email]', self: '[Circular]' });
  assert.deepEqual(r2.nested, { secret: '[Unreadable]', ok: 1 });

  const f = meridianFormat();
  const topGetter = {
    level: 'info',
    message: 'x',
    get boom(): string {
      throw new Error('getter');
    },
  } as unknown as WinstonInfo;
  assert.equal(f.transform(topGetter).boom, '[Unreadable]');

  const hostile = new Proxy(
    { level: 'info', message: 'proxied' },
    {
      ownKeys() {
        throw new Error('no keys');
      },
    },
  ) as unknown as WinstonInfo;
  let out: WinstonInfo | undefined;
  const diag = await diagnostics(() => {
    out = f.transform(hostile);
  });
  assert.ok(out !== undefined);
  assert.match(String(out[FORMAT_ERROR_FIELD]), /no keys/);
  assert.equal(diag.length, 1);
  assert.match(diag[0], /MERIDIAN_ERR_WINSTON_FORMAT/);
});

test('trace_id, span_id and trace_flags of the active span', () => {
  const { logger, sink } = setup(format.combine(mf(), format.json()));
  let ids: { traceId: string; spanId: string } | undefined;
  tracer.startActiveSpan('op', (span) => {
    ids = span.spanContext();
    logger.info('inside');
    span.end();
  });
  logger.info('outside');
  const [inside, outside] = sink.records();
  assert.equal(inside.trace_id, ids!.traceId);
  assert.equal(inside.span_id, ids!.spanId);
  assert.equal(inside.trace_flags, '01');
  assert.equal(outside.trace_id, undefined);
});

test('request-context fields from @meridian/context, redacted, and reserved names renamed', () => {
  const { logger, sink } = setup(format.combine(mf({ service: 'svc' }), format.json()));
  withContext({ requestId: 'req-7', customer: EMAIL }, () => logger.info('in request', { service: 'mine', timestamp: 'theirs' }));
  const [r] = sink.records();
  assert.equal(r.requestId, 'req-7');
  assert.equal(r.customer, '[REDACTED:email]');
  assert.equal(r.service, 'svc');
  assert.equal(r._service, 'mine');
  assert.equal(r._timestamp, 'theirs');
  assert.match(r.timestamp as string, ISO_UTC);
});

test('an Error logged directly: message and stack redacted', () => {
  const { logger, sink } = setup(format.combine(mf(), format.json()));
  logger.error(new Error(`cannot mail ${EMAIL}`));
  const [r] = sink.records();
  assert.equal(r.message, 'cannot mail [REDACTED:email]');
  assert.match(r.stack as string, /^Error: cannot mail \[REDACTED:email\]\n/);
  assert.equal(r.level, 'error');
});

test('composes with Symbol keys: MESSAGE set by json() before it is redacted too', () => {
  const f = meridianFormat();
  const info: WinstonInfo = { level: 'info', message: EMAIL, [LEVEL]: 'info', [MESSAGE]: JSON.stringify({ message: EMAIL }) };
  const out = f.transform(info);
  assert.equal(out[MESSAGE], '{"message":"[REDACTED:email]"}');
  assert.ok((out as Record<symbol, unknown>)[MERIDIAN] !== undefined, 'marker set');
  assert.equal(f.transform(out), out, 'a second pass is a no-op');
});

test('redact: false turns redaction off, but is refused when NODE_ENV=production', async () => {
  const off = meridianFormat({ redact: false }).transform({ level: 'info', message: EMAIL });
  assert.equal(off.message, EMAIL);
  const production = loadConfig({ NODE_ENV: 'production' });
  let out: WinstonInfo | undefined;
  const diag = await diagnostics(() => {
    out = meridianFormat({ config: production, redact: false }).transform({ level: 'info', message: EMAIL });
  });
  assert.equal(out!.message, '[REDACTED:email]');
  assert.ok(
    diag.some((d) => /MERIDIAN_ERR_WINSTON_OPTION: meridianFormat option redact=false is refused when NODE_ENV=production/.test(d)),
    diag.join('\n'),
  );
});

test('meridianJson(): one JSON line in Meridian key order; BigInt and cycles do not throw', () => {
  const { logger, sink } = setup(format.combine(mf({ service: 'svc' }), meridianJson()));
  logger.info(`hi ${EMAIL}`, { orderId: 7 });
  assert.deepEqual(Object.keys(sink.records()[0]), ['timestamp', 'level', 'message', 'service', 'orderId']);
  assert.equal(sink.records()[0].message, 'hi [REDACTED:email]');

  const raw = setup(format.combine(mf({ redact: false }), meridianJson()));
  const cyc: Record<string, unknown> = { big: 12345678901234567890n };
  cyc.self = cyc;
  raw.logger.info('odd', { cyc, shared: [1], again: [1] });
  const r = raw.sink.records()[0] as any;
  assert.deepEqual(r.cyc, { big: '12345678901234567890', self: '[Circular]' });
  assert.equal(raw.sink.lines.length, 1);
});

test('format.splat() after meridianFormat cannot overwrite its fields with same-named metadata', () => {
  for (const redact of [true, false]) {
    const { logger, sink } = setup(format.combine(mf({ service: 'svc', redact }), format.splat(), format.json()));
    const meta = { service: 'caller', timestamp: 'caller-ts', n: 1 };
    logger.info('plain message', meta);
    logger.info('with %s token', 'one', { service: 'extra' });
    const [a, b] = sink.records();
    assert.equal(a.service, 'svc');
    assert.equal(a._service, 'caller');
    assert.equal(a._timestamp, 'caller-ts');
    assert.match(a.timestamp as string, ISO_UTC);
    assert.equal(b.service, 'svc');
    assert.equal(b._service, 'extra');
    assert.equal(b.message, 'with one token');
    assert.deepEqual(meta, { service: 'caller', timestamp: 'caller-ts', n: 1 }, 'caller object untouched');
  }
});
