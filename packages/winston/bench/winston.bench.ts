/**
 * What Meridian costs a winston logger: records per second for plain winston and for the
 * Meridian-equipped winston loggers, each logging the same five-field record inside an active span
 * to /dev/null, buffers flushed inside the timed region, one run, median of BENCH_ROUNDS rounds.
 *
 *   npx tsc -b packages/winston && pnpm --dir packages/winston bench
 *
 * Every case yields to the event loop every YIELD_EVERY records (as a server does between
 * requests), so asynchronous destinations get to write; all cases get the same yields, and the
 * cases are interleaved within each round so machine load hits them alike.
 * Environment knobs (bench only, not Meridian settings): BENCH_RECORDS, BENCH_ROUNDS, BENCH_ONLY (substring).
 */
import { context } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ensureContextManager } from '@meridian/context';
import { createLogger, createStdoutDestination, type StdoutDestination } from '@meridian/logger';
import { createRedactor, toLoggerHook } from '@meridian/redact';
import { createWriteStream, openSync } from 'node:fs';
import { once } from 'node:events';
import winston from 'winston';
import { MeridianTransport, closeWinston, createWinstonLogger, meridianFormat, meridianJson } from '../src/index.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ONLY = process.env.BENCH_ONLY;
const YIELD_EVERY = 1000;
const fields = { user: 'u-12345', orderId: 42, amount: 99.95, ok: true, path: '/checkout/confirm' };
const mf = (o: Parameters<typeof meridianFormat>[0]) => meridianFormat(o);

function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function drive(log: winston.Logger): Promise<void> {
  for (let i = 0; i < RECORDS; i++) {
    log.info('order confirmed', fields);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await pause();
  }
}

/** winston with a Stream transport on /dev/null, ended and drained inside the timed region. */
async function streamCase(format: winston.Logform.Format): Promise<number> {
  const stream = createWriteStream('/dev/null');
  const log = winston.createLogger({ level: 'info', format, transports: [new winston.transports.Stream({ stream })] });
  const t0 = performance.now();
  await drive(log);
  const finished = once(log, 'finish');
  log.end();
  await finished;
  if (stream.writableLength > 0) await once(stream, 'drain');
  const ms = performance.now() - t0;
  stream.end();
  return ms;
}

/** A winston logger writing through Meridian's stdout destination on /dev/null. */
async function meridianCase(build: (dest: StdoutDestination) => winston.Logger): Promise<number> {
  const dest = createStdoutDestination({ fd: openSync('/dev/null', 'w') });
  const log = build(dest);
  const t0 = performance.now();
  await drive(log);
  await closeWinston(log, { timeoutMs: 60_000 });
  const ms = performance.now() - t0;
  const s = dest.stats();
  if (s.written !== RECORDS) throw new Error(`wrote ${s.written} of ${RECORDS} (dropped ${s.dropped})`);
  return ms;
}

const cases: { name: string; run: () => Promise<number> }[] = [
  {
    name: 'winston: timestamp() + json() → Stream',
    run: () => streamCase(winston.format.combine(winston.format.timestamp(), winston.format.json())),
  },
  {
    name: 'winston: meridianFormat() + json() → Stream',
    run: () => streamCase(winston.format.combine(mf({ service: 'bench' }), winston.format.json())),
  },
  {
    name: 'winston: meridianFormat() + meridianJson() → Stream',
    run: () => streamCase(winston.format.combine(mf({ service: 'bench' }), meridianJson())),
  },
  {
    name: 'winston: meridianFormat({ redact: false }) + json() → Stream',
    run: () => streamCase(winston.format.combine(mf({ service: 'bench', redact: false }), winston.format.json())),
  },
  {
    name: 'createWinstonLogger() → Meridian stdout destination',
    run: () => meridianCase((dest) => createWinstonLogger({ service: 'bench', destinations: [dest] })),
  },
  {
    name: 'MeridianTransport only (no meridianFormat)',
    run: () =>
      meridianCase((dest) =>
        winston.createLogger({
          format: winston.format((info) => info)(),
          transports: [new MeridianTransport({ service: 'bench', destinations: [dest] })],
        }),
      ),
  },
  {
    name: 'createWinstonLogger(), transport redacting again',
    run: () =>
      meridianCase((dest) => {
        const again = createLogger({ service: 'bench', level: 'trace', destinations: [dest], redaction: toLoggerHook(createRedactor()), flushOnExit: false });
        return createWinstonLogger({ service: 'bench', logger: again });
      }),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  ensureContextManager();
  const tracer = new BasicTracerProvider().getTracer('bench');
  const selected = cases.filter((c) => ONLY === undefined || c.name.includes(ONLY));
  const results = new Map<string, number[]>();
  await tracer.startActiveSpan('bench', async (span) => {
    if (context.active() === undefined) throw new Error('no context');
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of selected) {
        const ms = await c.run();
        const list = results.get(c.name) ?? [];
        list.push((RECORDS / ms) * 1000);
        results.set(c.name, list);
      }
    }
    span.end();
  });
  console.log(`node ${process.version}, ${RECORDS} records x ${ROUNDS} rounds, five fields, active span, to /dev/null`);
  const base = median(results.get(cases[0].name) ?? [NaN]);
  for (const [name, list] of results) {
    const m = median(list);
    console.log(
      `${name.padEnd(62)} ${Math.round(m).toLocaleString('en-US').padStart(9)} records/s  ${(m / base).toFixed(2)}x plain   rounds: ${list.map((x) => Math.round(x / 1000) + 'k').join(' ')}`,
    );
  }
}

await main();
