/**
 * The access line of one request, A/B inside one process (two set-ups, batches of 10,000 lines
 * interleaved, 10 measured rounds after 4 warm-up rounds, median CPU µs per line): the figures behind
 * "What moved" in @meridian/express's README.
 *   npx tsc -b packages/logger && npx -y node@24 packages/logger/dist/bench/access-line.bench.js
 * - memo: the redactor's memo of recent clean strings off vs on, for a line with a browser user agent
 *   (clean, memoised) and an external client address (a finding, scanned every time), inside the
 *   request's context.
 * - context: the request's context entered for the line (`context.with` + `info`) vs given to the
 *   logger's internal entry point, as @meridian/http's end of request now does.
 * Lines go through a file destination to /dev/null; the event loop turns every 100 lines.
 */
import { ROOT_CONTEXT, context, trace, type Context } from '@opentelemetry/api';
import { contextWithRequestFields, ensureContextManager } from '@meridian/context';
import { createRedactor, toLoggerHook } from '@meridian/redact';
import { createFileDestination, createLogger, type Logger } from '../src/index.js';

ensureContextManager();
const WRITE_IN_CONTEXT = Symbol.for('meridian.logger.writeInContext');
type Writer = Record<symbol, (ctx: Context, level: string, message: string, fields: object) => void>;

function logger(memo: boolean): Logger {
  const redactor = createRedactor();
  // The memo is internal; turning it off here measures what a string not seen a moment ago costs.
  if (!memo) (redactor as unknown as { memo: unknown }).memo = undefined;
  return createLogger({
    destinations: [createFileDestination({ path: '/dev/null' })],
    service: 'bench',
    redaction: toLoggerHook(redactor),
    flushOnExit: false,
  });
}

let n = 0;
/** A request's context: a span context and the request id, as @meridian/http builds it. */
function requestContext(): Context {
  const id = (n++).toString(16).padStart(16, '0');
  return contextWithRequestFields(trace.setSpanContext(ROOT_CONTEXT, { traceId: id + id, spanId: id, traceFlags: 1 }), { request_id: id });
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
function fields(userAgent: string, client: string): object {
  return {
    method: 'GET',
    route: '/hello/:name',
    path: '/hello/world',
    status: 200,
    duration_ms: 0.123,
    bytes: 17,
    server_address: 'api.example.com',
    user_agent: userAgent,
    client_address: client,
  };
}

async function ab(title: string, a: [string, () => void], b: [string, () => void]): Promise<void> {
  const runs: [number[], number[]] = [[], []];
  for (let round = 0; round < 14; round++) {
    for (const [k, f] of [a[1], b[1]].entries()) {
      const c = process.cpuUsage();
      for (let i = 0; i < 10_000; i++) {
        f();
        if (i % 100 === 99) await new Promise((r) => setImmediate(r));
      }
      const u = process.cpuUsage(c);
      if (round >= 4) runs[k].push((u.user + u.system) / 10_000);
    }
  }
  const med = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
  console.log(`| ${title} | ${a[0]}: ${med(runs[0]).toFixed(2)} | ${b[0]}: ${med(runs[1]).toFixed(2)} |`);
}

console.log(`node ${process.version}, CPU µs per access line (median of 10 interleaved rounds)\n`);
console.log('| comparison | A | B |');
console.log('|---|---:|---:|');
const off = logger(false);
const on = logger(true);
await ab(
  'redaction memo (browser user agent, external client)',
  ['memo off', () => context.with(requestContext(), () => off.info('GET /hello/world 200', fields(BROWSER, '203.0.113.9')))],
  ['memo on', () => context.with(requestContext(), () => on.info('GET /hello/world 200', fields(BROWSER, '203.0.113.9')))],
);
const log = logger(true);
await ab(
  'request context (bench-like user agent, loopback client)',
  ['entered + info', () => context.with(requestContext(), () => log.info('GET /hello/world 200', fields('autocannon', '127.0.0.1')))],
  [
    'given to the logger',
    () => (log as unknown as Writer)[WRITE_IN_CONTEXT](requestContext(), 'info', 'GET /hello/world 200', fields('autocannon', '127.0.0.1')),
  ],
);
process.exit(0);
