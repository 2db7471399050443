import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ensureContextManager, withContext } from '@meridian/context';
import { createRedactor } from '@meridian/redact';
import { MeridianTransport, closeWinston, meridianFormat } from '../src/index.js';
import { CARD, CollectingDestination, EMAIL, clean, diagnostics } from './helpers.js';

assert.ok(ensureContextManager(), 'a working OTel context manager');
const tracer = new BasicTracerProvider().getTracer('test');
const { format } = winston;
const mf = (o: Parameters<typeof meridianFormat>[0] = {}) => meridianFormat(o);

test('delivers records through a Meridian destination, redacted, without meridianFormat', async () => {
  const dest = new CollectingDestination();
  const logger = winston.createLogger({ level: 'info', transports: [new MeridianTransport({ destinations: [dest], service: 'billing' })] });
  logger.info(`paid by ${EMAIL}`, { card: CARD, order: { id: 42, password: 'hunter2' } });
  await closeWinston(logger);
  assert.equal(dest.lines.length, 1);
  assert.ok(clean(dest.lines[0]), dest.lines[0]);
  const r = dest.records()[0] as any;
  assert.equal(r.level, 'info');
  assert.equal(r.service, 'billing');
  assert.equal(r.message, 'paid by [REDACTED:email]');
  assert.deepEqual(r.order, { id: 42, password: '[REDACTED]' });
  assert.match(r.timestamp, /Z$/);
});

test('winston levels map to Meridian levels; the winston name is kept when they differ', async () => {
  const dest = new CollectingDestination();
  const logger = winston.createLogger({ level: 'silly', transports: [new MeridianTransport({ destinations: [dest] })] });
  for (const l of ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']) logger.log(l, `at ${l}`);
  const syslog = winston.createLogger({ levels: winston.config.syslog.levels, level: 'debug', transports: [new MeridianTransport({ destinations: [dest] })] });
  for (const l of ['emerg', 'alert', 'crit', 'warning', 'notice']) syslog.log(l, `at ${l}`);
  const custom = winston.createLogger({
    levels: { audit: 0, info: 1 },
    level: 'info',
    transports: [new MeridianTransport({ destinations: [dest], levelMap: { info: 'warn' } })],
  });
  custom.log('audit', 'at audit');
  custom.log('info', 'at info');
  await Promise.all([closeWinston(logger), closeWinston(syslog), closeWinston(custom)]);
  const got = dest.records().map((r) => [r.message, r.level, r.winston_level]);
  assert.deepEqual(got, [
    ['at error', 'error', undefined],
    ['at warn', 'warn', undefined],
    ['at info', 'info', undefined],
    ['at http', 'info', 'http'],
    ['at verbose', 'debug', 'verbose'],
    ['at debug', 'debug', undefined],
    ['at silly', 'trace', 'silly'],
    ['at emerg', 'fatal', 'emerg'],
    ['at alert', 'fatal', 'alert'],
    ['at crit', 'fatal', 'crit'],
    ['at warning', 'warn', 'warning'],
    ['at notice', 'info', 'notice'],
    ['at audit', 'info', 'audit'],
    ['at info', 'warn', 'info'],
  ]);
});

test("logger.end() then 'finish': every record has reached a slow destination", async () => {
  const dest = new CollectingDestination(150);
  const logger = winston.createLogger({ transports: [new MeridianTransport({ destinations: [dest] })] });
  for (let i = 0; i < 50; i++) logger.info('record', { i });
  let closedAtFinish: boolean | undefined;
  logger.once('finish', () => {
    closedAtFinish = dest.closed;
  });
  logger.end();
  await once(logger, 'finish');
  // the destination's close (after a 150 ms flush) had completed when 'finish' was emitted: an ordering, not a clock
  assert.equal(closedAtFinish, true, "'finish' waited for the destination's flush and close");
  assert.deepEqual(
    dest.records().map((r) => r.i),
    Array.from({ length: 50 }, (_, i) => i),
  );
});

test('closeWinston() is bounded by its deadline and never rejects', async () => {
  const dest = new CollectingDestination(Infinity); // never flushes
  const logger = winston.createLogger({ transports: [new MeridianTransport({ destinations: [dest], closeTimeoutMs: 300 })] });
  logger.info('x');
  let r: string | undefined;
  const diag = await diagnostics(async () => {
    r = await closeWinston(logger, { timeoutMs: 100 });
  });
  assert.equal(r, 'timeout');
  assert.ok(
    diag.some((d) => d.includes('MERIDIAN_ERR_WINSTON_CLOSE_TIMEOUT')),
    diag.join('\n'),
  );
});

test('with meridianFormat: the format redacts once, the transport does not redact again (measured on the redactor)', async () => {
  const redactor = createRedactor();
  const dest = new CollectingDestination();
  const logger = winston.createLogger({
    format: format.combine(mf({ redactor }), format.json()),
    transports: [new MeridianTransport({ destinations: [dest], redactor })],
  });
  const meta = () => ({ user: 'u1', note: 'plain text', path: '/checkout', email: EMAIL });
  let perRecordBoth = -1;
  withContext({ requestId: 'r1' }, () => {
    logger.info('warm-up', meta()); // the first record of a context snapshot is redacted in full (see SwitchableHook)
    const before = redactor.stats.strings;
    logger.info(`to ${EMAIL}`, meta());
    perRecordBoth = redactor.stats.strings - before;
  });

  const alone = createRedactor();
  const f = meridianFormat({ redactor: alone });
  const info = () => Object.assign({ level: 'info', message: `to ${EMAIL}` }, meta(), { [Symbol.for('splat')]: [meta()] });
  let perRecordFormat = -1;
  withContext({ requestId: 'r1' }, () => {
    f.transform(info());
    const b2 = alone.stats.strings;
    f.transform(info());
    perRecordFormat = alone.stats.strings - b2;
  });
  assert.equal(perRecordBoth, perRecordFormat, 'no string redacted a second time by the transport');

  await closeWinston(logger);
  assert.ok(dest.lines.every(clean), dest.lines.join('\n'));
  const r = dest.records()[1] as any;
  assert.equal(r.message, 'to [REDACTED:email]');
  assert.equal(r.email, '[REDACTED:email]');
  assert.equal(r.requestId, 'r1');
  assert.equal(r._service, undefined, "the format's own fields are not repeated");
  assert.equal(r._timestamp, undefined);
});

test('trace ids and context of the call site even when winston delivers later (behind a slow sibling transport)', async () => {
  const dest = new CollectingDestination();
  const slow = new (class extends TransportStream {
    override log(_info: unknown, next: () => void): void {
      setTimeout(next, 2);
    }
  })();
  const logger = winston.createLogger({ format: mf(), transports: [slow, new MeridianTransport({ destinations: [dest] })] });
  const expected: string[] = [];
  for (let i = 0; i < 30; i++) {
    tracer.startActiveSpan(`op${i}`, (span) => {
      withContext({ requestId: `req-${i}` }, () => logger.info('work', { i }));
      expected.push(span.spanContext().spanId);
      span.end();
    });
  }
  await closeWinston(logger);
  const recs = dest.records();
  assert.equal(recs.length, 30);
  for (const r of recs) {
    assert.equal(r.span_id, expected[r.i as number], `record ${String(r.i)} carries its own span`);
    assert.equal(r.requestId, `req-${String(r.i)}`);
  }
});

test('OpenTelemetry log sending on the same logger is silenced: each record is exported once', async () => {
  const sent: unknown[] = [];
  class OpenTelemetryTransportV3 extends TransportStream {
    override log(info: unknown, next: () => void): void {
      sent.push(info);
      next();
    }
  }
  const dest = new CollectingDestination();
  const otel = new OpenTelemetryTransportV3();
  const meridian = new MeridianTransport({ destinations: [dest] });
  let logger: winston.Logger | undefined;
  const diag = await diagnostics(() => {
    logger = winston.createLogger({ transports: [meridian] });
    logger.add(otel); // the instrumentation adds its transport after the application's
    logger.info('once', { trace_id: 'injected-by-instrumentation' });
  });
  await closeWinston(logger!);
  assert.equal(sent.length, 0, 'the OpenTelemetry transport sent nothing');
  assert.equal(dest.lines.length, 1);
  assert.equal(dest.records()[0]._trace_id, undefined, 'injected trace fields are not repeated');
  assert.equal(meridian.stats().suppressedSiblings, 1);
  assert.ok(
    diag.some((d) => d.includes('MERIDIAN_ERR_WINSTON_DUPLICATE_EXPORT')),
    diag.join('\n'),
  );

  const kept: unknown[] = [];
  class OpenTelemetryTransportV3b extends TransportStream {
    override log(info: unknown, next: () => void): void {
      kept.push(info);
      next();
    }
  }
  Object.defineProperty(OpenTelemetryTransportV3b, 'name', { value: 'OpenTelemetryTransportV3' });
  const both = winston.createLogger({ transports: [new OpenTelemetryTransportV3b(), new MeridianTransport({ destinations: [dest], otelLogSending: 'keep' })] });
  await diagnostics(() => both.info('twice'));
  await closeWinston(both);
  assert.equal(kept.length, 1, 'otelLogSending: keep leaves it sending');
});

test('an Error logged without format.errors() becomes the Meridian error field', async () => {
  const dest = new CollectingDestination();
  const logger = winston.createLogger({ transports: [new MeridianTransport({ destinations: [dest] })] });
  const err = Object.assign(new Error(`declined for ${EMAIL}`), { code: 'E_DECLINED' });
  logger.error(err);
  await closeWinston(logger);
  const r = dest.records()[0] as any;
  assert.equal(r.level, 'error');
  assert.equal(r.message, 'declined for [REDACTED:email]');
  assert.equal(r.error.type, 'Error');
  assert.equal(r.error.code, 'E_DECLINED');
  assert.ok(clean(dest.lines[0]), dest.lines[0]);
});

test('redact: false (outside production) writes values as given; the default redacts', async () => {
  const raw = new CollectingDestination();
  const red = new CollectingDestination();
  const logger = winston.createLogger({
    transports: [new MeridianTransport({ destinations: [raw], redact: false }), new MeridianTransport({ destinations: [red] })],
  });
  logger.info(`mail ${EMAIL}`);
  await closeWinston(logger);
  assert.equal(raw.records()[0].message, `mail ${EMAIL}`);
  assert.equal(red.records()[0].message, 'mail [REDACTED:email]');
});
