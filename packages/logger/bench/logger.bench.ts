/**
 * Records per second for Meridian, pino and winston, each logging the same five-field record
 * inside an active span to /dev/null, buffers flushed inside the timed region.
 *
 *   npx tsc -b packages/logger && pnpm --dir packages/logger bench
 *
 * Every case yields to the event loop every YIELD_EVERY records (as a server does between
 * requests), so asynchronous destinations get to write; all cases get the same yields.
 * Environment knobs (bench only, not Meridian settings): BENCH_RECORDS, BENCH_ROUNDS.
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { createWriteStream, openSync } from 'node:fs';
import { once } from 'node:events';
import { pino } from 'pino';
import winston from 'winston';
import { createLogger, createStdoutDestination } from '../src/index.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const YIELD_EVERY = 1000;

const fields = { user: 'u-12345', orderId: 42, amount: 99.95, ok: true, path: '/checkout/confirm' };

function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function spanMixin(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const sc = span.spanContext();
  return { trace_id: sc.traceId, span_id: sc.spanId, trace_flags: '0' + sc.traceFlags.toString(16) };
}

type Case = { name: string; run: () => Promise<{ ms: number; dropped: number }> };

/** Meridian's logger on its stdout destination (/dev/null); every record must have been written. */
function meridianCase(name: string, redaction: boolean): Case {
  return {
    name,
    async run() {
      const dest = createStdoutDestination({ fd: openSync('/dev/null', 'w') });
      const log = createLogger({ service: 'bench', level: 'info', destinations: [dest], flushOnExit: false, ...(redaction ? {} : { redaction: false }) });
      const t0 = performance.now();
      for (let i = 0; i < RECORDS; i++) {
        log.info('order confirmed', fields);
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await pause();
      }
      await log.flush();
      const ms = performance.now() - t0;
      await log.close();
      const s = dest.stats();
      if (s.written !== RECORDS) throw new Error(`meridian wrote ${s.written} of ${RECORDS}`);
      return { ms, dropped: s.dropped };
    },
  };
}

/** pino with an async /dev/null destination, optionally with its path-based redaction. */
function pinoCase(name: string, redact?: { paths: string[]; censor: string }): Case {
  return {
    name,
    async run() {
      const dest = pino.destination({ dest: '/dev/null', sync: false, minLength: 4096 });
      const log = pino(
        { timestamp: pino.stdTimeFunctions.isoTime, base: { service: 'bench' }, mixin: spanMixin, ...(redact === undefined ? {} : { redact }) },
        dest,
      );
      const t0 = performance.now();
      for (let i = 0; i < RECORDS; i++) {
        log.info(fields, 'order confirmed');
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await pause();
      }
      await new Promise<void>((resolve) => dest.flush(() => resolve()));
      const ms = performance.now() - t0;
      dest.end();
      return { ms, dropped: 0 };
    },
  };
}

const cases: Case[] = [
  meridianCase('meridian (redaction on, the default)', true),
  meridianCase('meridian, redaction off', false),
  // pino's path-based redaction (@pinojs/redact) on the usual sensitive keys: it masks only these paths,
  // never a card number inside the message or another field, which Meridian's content scan does.
  pinoCase('pino + redact paths', { paths: ['password', 'token', 'card', 'cardNumber', 'authorization', 'email', 'phone', 'user'], censor: '[REDACTED]' }),
  pinoCase('pino'),
  {
    name: 'winston',
    async run() {
      const stream = createWriteStream('/dev/null');
      const log = winston.createLogger({
        level: 'info',
        defaultMeta: { service: 'bench' },
        format: winston.format.combine(winston.format((info) => Object.assign(info, spanMixin()))(), winston.format.timestamp(), winston.format.json()),
        transports: [new winston.transports.Stream({ stream })],
      });
      const t0 = performance.now();
      for (let i = 0; i < RECORDS; i++) {
        log.info('order confirmed', fields);
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await pause();
      }
      const finished = once(log, 'finish');
      log.end();
      await finished;
      if (stream.writableLength > 0) await once(stream, 'drain');
      const ms = performance.now() - t0;
      stream.end();
      return { ms, dropped: 0 };
    },
  },
];

/** Cost of a call on a disabled level (debug on an info logger), ns per call. */
function disabledLevels(): void {
  const calls = 5_000_000;
  const m = createLogger({ level: 'info', destinations: [], flushOnExit: false });
  const pDest = pino.destination({ dest: '/dev/null', sync: false });
  const p = pino({ level: 'info' }, pDest);
  const time = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return ((performance.now() - t0) * 1e6) / calls;
  };
  const mNs = median(
    [0, 1, 2].map(() =>
      time(() => {
        for (let i = 0; i < calls; i++) m.debug('x', fields);
      }),
    ),
  );
  const pNs = median(
    [0, 1, 2].map(() =>
      time(() => {
        for (let i = 0; i < calls; i++) p.debug(fields, 'x');
      }),
    ),
  );
  pDest.end();
  disabled = `disabled level (debug on an info logger): meridian ${mNs.toFixed(1)} ns/call, pino ${pNs.toFixed(1)} ns/call`;
}
let disabled = '';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const tracer = new BasicTracerProvider().getTracer('bench');
  await tracer.startActiveSpan('bench', async (span) => {
    const results = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        const { ms, dropped } = await c.run();
        if (dropped > 0) console.error(`${c.name}: ${dropped} records dropped in round ${round}`);
        const list = results.get(c.name) ?? [];
        list.push((RECORDS / ms) * 1000);
        results.set(c.name, list);
      }
    }
    span.end();
    disabledLevels();
    console.log(`node ${process.version}, ${RECORDS} records x ${ROUNDS} rounds, five fields, active span, to /dev/null`);
    const base = median(results.get('pino') ?? [1]);
    for (const [name, list] of results) {
      const m = median(list);
      console.log(
        `${name.padEnd(9)} ${Math.round(m).toLocaleString('en-US').padStart(10)} records/s (median)  ${(m / base).toFixed(2)}x pino   rounds: ${list.map((x) => Math.round(x / 1000) + 'k').join(' ')}`,
      );
    }
    console.log(disabled);
  });
}

await main();
