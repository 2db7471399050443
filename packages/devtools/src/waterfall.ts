/**
 * renderWaterfall(): one trace as text — the span tree across services, each span's bar on a
 * shared time axis, its duration and status, and under it the log lines it emitted.
 *
 *   trace 4bf9…4736  2026-11-21T05:10:33.120Z  120.5 ms  3 spans  services: checkout, payments
 *   SERVICE   SPAN                 |0 ms                 120.5 ms|   DURATION
 *   checkout  GET /checkout        |██████████████████████████████|  120.5 ms
 *   checkout  ├─ SELECT orders     |  ████                        |  20.10 ms
 *             │    2026-11-21T05:10:33.130Z INFO  loaded orders count=3
 *   payments  └─ POST /charge      |        ██████████            |  50.00 ms  ✗ ERROR card declined
 */
import { attrSummary, bodyText, formatMs, levelClass, levelName, logTime, nsToIso, truncate } from './internal/format.js';
import { buildTree, type TreeRow } from './internal/span-tree.js';
import { serviceOf, SPAN_KIND_NAMES, type DevLogRecord, type DevTrace } from './model.js';

export interface WaterfallOptions {
  /** Total line width of the span rows; default 110 (the bar takes what the other columns leave, at least 10). */
  width?: number;
  /** ANSI colours (services, errors, log levels); default false. */
  color?: boolean;
  /** Attributes shown per log line; default 3. */
  logAttributes?: number;
}

const PALETTE = [36, 35, 33, 32, 34, 96, 95, 93];

export function renderWaterfall(trace: DevTrace, logs: readonly DevLogRecord[] = [], options: WaterfallOptions = {}): string {
  const width = Math.max(40, options.width ?? 110);
  const color = options.color === true;
  const attrCount = options.logAttributes ?? 3;
  const paint = (code: number, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const { rows, unmatchedLogs } = buildTree(trace, logs);

  const t0 = BigInt(trace.startTimeUnixNano);
  const total = BigInt(trace.endTimeUnixNano) - t0;
  // Loops, not Math.max(...array): spreading a 100 000-span trace would overflow the call stack.
  let serviceW = 7;
  let labelW = 4;
  const labels = rows.map(label);
  for (let i = 0; i < rows.length; i++) {
    serviceW = Math.max(serviceW, serviceOf(rows[i].span.resource).length);
    labelW = Math.max(labelW, labels[i].length);
  }
  serviceW = Math.min(20, serviceW);
  labelW = Math.min(60, labelW);
  const durW = 10;
  const barW = Math.max(10, width - serviceW - labelW - durW - 8);

  const out: string[] = [];
  out.push(
    `trace ${trace.traceId}  ${nsToIso(trace.startTimeUnixNano)}  ${formatMs(trace.durationMs)}  ` +
      `${trace.spans.length} span${trace.spans.length === 1 ? '' : 's'}  services: ${trace.services.join(', ')}`,
  );
  const axisL = '0 ms';
  const axisR = formatMs(trace.durationMs);
  const axis = axisL + ' '.repeat(Math.max(1, barW + 2 - axisL.length - axisR.length)) + axisR;
  out.push(paint(2, `${'SERVICE'.padEnd(serviceW)}  ${'SPAN'.padEnd(labelW)}  ${axis}  ${'DURATION'.padStart(durW)}`));

  rows.forEach((row, i) => {
    const span = row.span;
    const svc = serviceOf(span.resource);
    const svcColor = PALETTE[trace.services.indexOf(svc) % PALETTE.length];
    const isError = span.status.code === 2;
    const start = BigInt(span.startTimeUnixNano) - t0;
    const end = BigInt(span.endTimeUnixNano) - t0;
    const bar = renderBar(start, end, total, barW);
    let line =
      `${paint(svcColor, truncate(svc, serviceW).padEnd(serviceW))}  ${truncate(labels[i], labelW).padEnd(labelW)}  ` +
      `${paint(isError ? 31 : svcColor, bar)}  ${formatMs(span.durationMs).padStart(durW)}`;
    if (isError) line += `  ${paint(31, `✗ ERROR${span.status.message ? ` ${span.status.message}` : ''}`)}`;
    else if (span.status.code === 1) line += '  ✓ OK';
    out.push(line);
    const indent = ' '.repeat(serviceW + 2) + row.continuation;
    for (const l of row.logs) out.push(indent + logLine(l, attrCount, paint));
  });

  if (unmatchedLogs.length > 0) {
    out.push(paint(2, `logs in this trace from spans not received (${unmatchedLogs.length}):`));
    for (const l of unmatchedLogs) out.push(`  ${logLine(l, attrCount, paint)}${l.spanId ? `  span=${l.spanId}` : ''}`);
  }
  return out.join('\n') + '\n';
}

function label(row: TreeRow): string {
  const s = row.span;
  const kind = s.kind >= 2 && s.kind <= 5 ? ` (${SPAN_KIND_NAMES[s.kind]})` : '';
  return `${row.prefix}${s.name}${kind}${row.orphan ? ' (parent not received)' : ''}`;
}

function renderBar(start: bigint, end: bigint, total: bigint, width: number): string {
  let from = 0;
  let to = width;
  if (total > 0n) {
    from = Number((start * BigInt(width)) / total);
    to = Number((end * BigInt(width) + total - 1n) / total);
  }
  from = Math.min(Math.max(0, from), width - 1);
  to = Math.min(Math.max(from + 1, to), width);
  return '|' + ' '.repeat(from) + '█'.repeat(to - from) + ' '.repeat(width - to) + '|';
}

/** One log line: UTC timestamp, level, message and the first few attributes. */
export function logLine(l: DevLogRecord, attrCount: number, paint: (code: number, s: string) => string = (_c, s) => s): string {
  const cls = levelClass(l);
  const level = paint(cls === 'error' ? 31 : cls === 'warn' ? 33 : 2, levelName(l).padEnd(5));
  const attrs = attrSummary(l.attributes, attrCount);
  return `${nsToIso(logTime(l))} ${level} ${truncate(bodyText(l), 200)}${attrs.length > 0 ? `  ${attrs.join(' ')}` : ''}`;
}
