/**
 * The demo's core, shared by `pnpm demo` (scripts/demo.mjs) and the end-to-end test: an embedded
 * OTLP/HTTP collector, checkout (Express, ap-east-1) and payments (Fastify, eu-central-1) as separate
 * processes instrumented only by `--import @meridian/node/register` and the environment, a handful of
 * customer requests, then one waterfall per trace (spans of both services, each with its log lines),
 * an HTML page with the same view, and the checks of runChecks().
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  renderHtmlReport,
  renderWaterfall,
  startDevCollector,
  type DevCollector,
  type DevCollectorStats,
  type DevLogRecord,
  type DevTrace,
} from '@meridian/devtools';
import { runChecks, type CheckInput, type CheckResult, type ServiceFacts } from './checks.js';
import { drive, type DrivenRequest } from './drive.js';
import { CUSTOMERS, plantedValues } from './scenario.js';
import { ServiceGroup, type RunningService, type ServiceSpec } from './services.js';

export { runChecks } from './checks.js';
export type { CheckInput, CheckResult, ServiceFacts } from './checks.js';
export { CUSTOMERS, DECLINED_CARD, plantedValues } from './scenario.js';
export type { Customer, PlantedValue } from './scenario.js';
export type { DrivenRequest } from './drive.js';

export interface DemoOptions {
  /** Print nothing (the test); default false: progress, waterfalls and where the HTML page is. */
  quiet?: boolean;
  /** Where to write the HTML report; default `demo-report.html` in the repository root. */
  htmlPath?: string;
  /** ANSI colours in the printed waterfalls; default: stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Extra environment for both services (e.g. a second span exporter: `OTEL_TRACES_EXPORTER=otlp,elasticsearch`). */
  serviceEnv?: Record<string, string>;
}

export interface DemoResult {
  /** Every check passed. */
  ok: boolean;
  /** One line per failed expectation, prefixed with the id of its check (`[pii] …`). */
  problems: string[];
  checks: CheckResult[];
  /** What the services wrote on stdout/stderr (diagnostics only; empty when all is well). */
  serviceOutput: string;
  /** Traces the collector received. */
  traces: number;
  /** Traces expected: one per request. */
  expectedTraces: number;
  /** The trace of the declined payment (from checkout's server-timing header). */
  failedTraceId: string | undefined;
  requests: DrivenRequest[];
  /** The waterfalls as printed (without colours). */
  text: string;
  htmlPath: string;
  spans: number;
  logs: number;
  collector: DevCollectorStats;
  durationMs: number;
  /** Process ids of the two services (both have exited when runDemo() returns). */
  servicePids: number[];
  /** What the checks were run on, to re-run `runChecks()` on altered copies (tests). */
  evidence: CheckInput;
}

interface Region {
  readonly service: 'checkout' | 'payments';
  readonly framework: string;
  readonly region: string;
  readonly tz: string;
}

const CHECKOUT: Region = { service: 'checkout', framework: 'Express', region: 'ap-east-1', tz: 'Asia/Hong_Kong' };
const PAYMENTS: Region = { service: 'payments', framework: 'Fastify', region: 'eu-central-1', tz: 'Europe/Berlin' };

const START_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 5_000;
const ARRIVAL_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 5_000;

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(exampleDir, '../..');

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const quiet = options.quiet === true;
  const say = quiet
    ? (_: string): void => {}
    : (s: string): void => {
        process.stdout.write(`${s}\n`);
      };
  const color = options.color ?? (!quiet && process.stdout.isTTY === true && process.env.NO_COLOR === undefined);
  const htmlPath = resolve(options.htmlPath ?? join(repoRoot, 'demo-report.html'));
  const startMs = Date.now();

  const tmp = await mkdtemp(join(tmpdir(), 'meridian-demo-'));
  const group = new ServiceGroup();
  // Ctrl-C / kill: stop the children now, clean up, then die of the same signal as usual.
  const onSignal = (signal: NodeJS.Signals): void => {
    group.dispose();
    rmSync(tmp, { recursive: true, force: true });
    removeSignalHandlers();
    process.kill(process.pid, signal);
  };
  const removeSignalHandlers = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let collector: DevCollector | undefined;
  try {
    collector = await startDevCollector({ port: 0 });
    say(`Meridian two-region demo — embedded OTLP/HTTP collector on ${collector.url}`);
    for (const r of [CHECKOUT, PAYMENTS]) say(`  ${r.service.padEnd(8)} ${r.framework.padEnd(7)} cloud.region=${r.region.padEnd(12)} TZ=${r.tz}`);

    const env = (r: Region, extra: Record<string, string> = {}): Record<string, string> => ({
      OTEL_SERVICE_NAME: r.service,
      OTEL_RESOURCE_ATTRIBUTES: `cloud.region=${r.region},deployment.environment=demo`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector!.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      MERIDIAN_BATCH_DELAY_MS: '200',
      // Logs go to the collector and to a file (read by the checks), not to the terminal.
      MERIDIAN_LOG_EXPORTERS: 'otlp,file',
      MERIDIAN_LOG_FILE: join(tmp, `${r.service}.log`),
      MERIDIAN_LOG_FILE_COMPRESS: 'false',
      MERIDIAN_DEBUG_BUFFER: 'on',
      MERIDIAN_SHUTDOWN_TIMEOUT_MS: '3000',
      TZ: r.tz,
      PORT: '0',
      ...options.serviceEnv,
      ...extra,
    });
    const spec = (r: Region, extra?: Record<string, string>): ServiceSpec => ({
      name: r.service,
      entry: `dist/${r.service}.js`,
      cwd: exampleDir,
      env: env(r, extra),
    });

    const payments = await group.start(spec(PAYMENTS), START_TIMEOUT_MS);
    const checkout = await group.start(spec(CHECKOUT, { PAYMENTS_URL: payments.url }), START_TIMEOUT_MS);
    say(`  started: checkout ${checkout.url} → payments ${payments.url}\n`);

    const requests = await drive(checkout.url, CUSTOMERS, REQUEST_TIMEOUT_MS).catch((e: unknown) => {
      const said = [checkout, payments].map((s) => `--- ${s.name} stdout/stderr ---\n${s.output().trimEnd() || '(nothing)'}`).join('\n');
      throw new Error(`a request to checkout failed (${e instanceof Error ? e.message : String(e)})\n${said}`);
    });
    for (const q of requests) {
      const c = q.customer;
      say(
        `  ${c.city.padEnd(10)} order ${c.orderId}  card in ${c.cardIn}, e-mail and phone in the query → ${q.status} ${q.outcome ?? '?'}  trace ${q.traceId ?? '(none)'}`,
      );
    }

    const expectedSpans = requests.length * 3;
    await collector.waitFor((s) => s.spans.length >= expectedSpans, ARRIVAL_TIMEOUT_MS).catch(() => undefined); // the checks say what is missing
    const exits = await stop(group, [checkout, payments]);
    const endMs = Date.now();

    const spans = collector.spans();
    const logs = collector.logs();
    const traces = inRequestOrder(collector.traces(), requests);
    const text = render(traces, logs, requests, false);
    const html = renderHtmlReport(traces, logs, { title: 'Meridian two-region demo: checkout (ap-east-1) → payments (eu-central-1)' });
    await writeFile(htmlPath, html);
    say(`\n${color ? render(traces, logs, requests, true) : text}`);
    say(resourcesSeen(spans, logs));
    say(`HTML report (same view, with span attributes): ${htmlPath}`);

    const services: ServiceFacts[] = [];
    for (const r of [CHECKOUT, PAYMENTS]) {
      services.push({ name: r.service, region: r.region, fileLines: await linesOf(join(tmp, `${r.service}.log`)), exit: exits.get(r.service) });
    }
    const evidence: CheckInput = {
      requests,
      spans,
      logs,
      traces,
      services,
      planted: plantedValues(CUSTOMERS),
      window: { startMs, endMs },
      rendered: { text, html },
    };
    const checks = runChecks(evidence);
    const problems = checks.flatMap((c) => c.problems.map((p) => `[${c.id}] ${p}`));
    const output = [checkout, payments]
      .filter((s) => s.output().trim() !== '')
      .map((s) => `--- ${s.name} stdout/stderr ---\n${s.output().trimEnd()}`)
      .join('\n');
    return {
      ok: checks.every((c) => c.ok),
      problems,
      checks,
      serviceOutput: output,
      traces: collector.traces().length,
      expectedTraces: requests.length,
      failedTraceId: requests.find((q) => q.customer.expect === 'declined')?.traceId,
      requests,
      text,
      htmlPath,
      spans: spans.length,
      logs: logs.length,
      collector: collector.stats(),
      durationMs: Date.now() - startMs,
      servicePids: [checkout.child.pid ?? -1, payments.child.pid ?? -1],
      evidence,
    };
  } finally {
    await group.stopAll(STOP_GRACE_MS).catch(() => undefined);
    group.dispose();
    removeSignalHandlers();
    await collector?.close().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** SIGTERM both services and wait: @meridian/node/register flushes logs and spans before the process dies. */
async function stop(group: ServiceGroup, services: RunningService[]): Promise<Map<string, ServiceFacts['exit']>> {
  await group.stopAll(STOP_GRACE_MS);
  const out = new Map<string, ServiceFacts['exit']>();
  for (const s of services) out.set(s.name, await s.exited);
  return out;
}

function inRequestOrder(traces: DevTrace[], requests: readonly DrivenRequest[]): DevTrace[] {
  const rank = new Map(requests.map((q, i) => [q.traceId, i]));
  return [...traces].sort((a, b) => (rank.get(a.traceId) ?? Infinity) - (rank.get(b.traceId) ?? Infinity));
}

function render(traces: readonly DevTrace[], logs: readonly DevLogRecord[], requests: readonly DrivenRequest[], color: boolean): string {
  const width = Math.min(160, Math.max(110, process.stdout.columns ?? 110));
  return traces
    .map((t) => {
      const q = requests.find((r) => r.traceId === t.traceId);
      const title =
        q === undefined
          ? '── a trace no request of the demo started'
          : `── order ${q.customer.orderId} from ${q.customer.city}: checkout answered ${q.status} ${q.outcome ?? ''}`;
      return `${title}\n${renderWaterfall(t, logs, { color, width, logAttributes: 4 })}\n`;
    })
    .join('\n');
}

/** One line per service: the region and environment its telemetry arrived with (from the resources). */
function resourcesSeen(spans: readonly { resource: Record<string, unknown> }[], logs: readonly DevLogRecord[]): string {
  const seen = new Map<string, { region: unknown; env: unknown; spans: number; logs: number }>();
  const add = (resource: Record<string, unknown>, kind: 'spans' | 'logs'): void => {
    const name = String(resource['service.name']);
    const e = seen.get(name) ?? { region: resource['cloud.region'], env: resource['deployment.environment'], spans: 0, logs: 0 };
    e[kind]++;
    seen.set(name, e);
  };
  for (const s of spans) add(s.resource, 'spans');
  for (const r of logs) add(r.resource, 'logs');
  const lines = [...seen].map(
    ([name, e]) => `  ${name.padEnd(8)} cloud.region=${String(e.region)}  deployment.environment=${String(e.env)}  (${e.spans} spans, ${e.logs} log records)`,
  );
  return `Resources received by the collector:\n${lines.join('\n')}\n`;
}

async function linesOf(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}
