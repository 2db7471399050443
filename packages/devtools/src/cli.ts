/**
 * The `meridian-dev-collector` command: starts the collector, prints each trace as a waterfall
 * once it has been quiet for --quiet-ms, prints log records as they arrive, and on SIGINT or
 * SIGTERM prints what is pending, writes the --html report and exits.
 */
import { writeFileSync } from 'node:fs';
import { startDevCollector } from './collector.js';
import { CliArgsError, parseCliArgs, USAGE } from './cli-args.js';
import { renderHtmlReport } from './html-report.js';
import { makeTrace } from './internal/group-traces.js';
import { serviceOf, type DevSpan } from './model.js';
import { logLine, renderWaterfall } from './waterfall.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
}

interface PendingTrace {
  spans: DevSpan[];
  lastSpanAt: number;
  printed: number;
}

/** Runs the CLI until SIGINT/SIGTERM; resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let opts;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof CliArgsError)) throw e;
    io.stderr.write(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const color = opts.color ?? (io.stdout.isTTY === true && process.env.NO_COLOR === undefined);
  const width = opts.width ?? (io.stdout.columns !== undefined && io.stdout.columns >= 40 ? io.stdout.columns : 110);

  let collector;
  try {
    collector = await startDevCollector({ port: opts.port, host: opts.host });
  } catch (e) {
    io.stderr.write(`MERIDIAN_ERR_DEVTOOLS_LISTEN: cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}\n`);
    return 1;
  }
  const c = collector;
  const traces = new Map<string, PendingTrace>();

  c.subscribe((event) => {
    if (event.type === 'logs') {
      for (const l of event.logs) io.stdout.write(`[${serviceOf(l.resource)}] ${logLine(l, 4)}${l.traceId ? `  trace=${l.traceId}` : ''}\n`);
      return;
    }
    const now = Date.now();
    for (const s of event.spans) {
      let t = traces.get(s.traceId);
      if (t === undefined) traces.set(s.traceId, (t = { spans: [], lastSpanAt: now, printed: 0 }));
      t.spans.push(s);
      t.lastSpanAt = now;
    }
  });

  const flush = (all: boolean): void => {
    const now = Date.now();
    for (const [id, t] of traces) {
      if (t.spans.length === t.printed || (!all && now - t.lastSpanAt < opts.quietMs)) continue;
      const again = t.printed > 0 ? ' (updated: more spans arrived)' : '';
      const logs = c.logs().filter((l) => l.traceId === id);
      io.stdout.write(`\n${renderWaterfall(makeTrace(id, t.spans), logs, { width, color }).trimEnd()}${again}\n\n`);
      t.printed = t.spans.length;
    }
  };
  const timer = setInterval(() => flush(false), Math.min(250, Math.max(20, opts.quietMs / 4)));

  io.stdout.write(`meridian-dev-collector listening on ${c.url}  (OTLP/HTTP POST ${c.url}/v1/traces, ${c.url}/v1/logs; NDJSON POST ${c.url}/v1/ndjson)\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  flush(true);
  let code = 0;
  if (opts.html !== undefined) {
    try {
      writeFileSync(opts.html, renderHtmlReport(c.traces(), c.logs()));
      io.stdout.write(`wrote HTML report to ${opts.html}\n`);
    } catch (e) {
      io.stderr.write(`MERIDIAN_ERR_DEVTOOLS_HTML: cannot write ${opts.html}: ${(e as Error).message}\n`);
      code = 1;
    }
  }
  const s = c.stats();
  io.stdout.write(`${signal}: stopping; received ${s.spansReceived} spans, ${s.logsReceived} log records (${s.badRequests} bad requests)\n`);
  await c.close();
  return code;
}
