/**
 * renderHtmlReport(): traces and their logs as one self-contained HTML page (inline CSS, no
 * scripts, no external assets). Every piece of received text goes through escapeHtml().
 */
import { attrSummary, bodyText, formatMs, formatValue, levelClass, levelName, logTime, nsToIso } from './internal/format.js';
import { buildTree } from './internal/span-tree.js';
import { serviceOf, SPAN_KIND_NAMES, type DevLogRecord, type DevTrace } from './model.js';

export interface HtmlReportOptions {
  /** Page title; default "Meridian dev collector report". */
  title?: string;
  /** Shown in the header as the report time; default now. */
  generatedAt?: Date;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const ESCAPE_RE = /[&<>"']/g;

export function escapeHtml(s: string): string {
  return s.replace(ESCAPE_RE, (c) => ESCAPES[c]);
}

const HUES = [200, 280, 30, 140, 340, 90, 250, 10];

const CSS = `
body{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:1.5em;color:#1d1d1f;background:#fafafa}
h1{font-size:18px}h2{font-size:14px;margin:1.8em 0 .4em}
.meta{color:#666}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #ddd}
td,th{padding:2px 6px;vertical-align:top;text-align:left;white-space:nowrap}
th{background:#f0f0f0;font-weight:600}
td.name{white-space:pre}
td.bar{width:45%;position:relative}
.track{position:relative;height:12px;background:#f3f3f3}
.fill{position:absolute;top:0;height:12px;min-width:2px;border-radius:2px}
tr.error td.name,tr.error td.status{color:#c00;font-weight:600}
td.dur{text-align:right}
tr.log td{color:#555;white-space:pre-wrap;border-bottom:none}
tr.log .level-error{color:#c00;font-weight:600}tr.log .level-warn{color:#a60}
details summary{cursor:pointer;color:#666}
.attrs{white-space:pre-wrap;color:#444}
`;

export function renderHtmlReport(traces: readonly DevTrace[], logs: readonly DevLogRecord[] = [], options: HtmlReportOptions = {}): string {
  const title = options.title ?? 'Meridian dev collector report';
  const generated = (options.generatedAt ?? new Date()).toISOString();
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">');
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>`);
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p class="meta">generated ${generated} · ${traces.length} trace${traces.length === 1 ? '' : 's'} · ${logs.length} log record${logs.length === 1 ? '' : 's'} · times in UTC</p>`,
  );
  const traceIds = new Set<string>();
  for (const t of traces) {
    traceIds.add(t.traceId);
    parts.push(renderTrace(t, logs));
  }
  const other = logs.filter((l) => l.traceId === undefined || !traceIds.has(l.traceId));
  if (other.length > 0) {
    parts.push(
      `<h2>Logs outside these traces (${other.length})</h2><table><tr><th>time (UTC)</th><th>level</th><th>service</th><th>message</th><th>attributes</th></tr>`,
    );
    for (const l of other) {
      parts.push(
        `<tr class="log"><td>${nsToIso(logTime(l))}</td><td class="level-${levelClass(l)}">${escapeHtml(levelName(l))}</td>` +
          `<td>${escapeHtml(serviceOf(l.resource))}</td><td>${escapeHtml(bodyText(l))}</td>` +
          `<td>${escapeHtml(attrSummary(l.attributes, 6).join(' '))}${l.traceId ? escapeHtml(` trace=${l.traceId}`) : ''}</td></tr>`,
      );
    }
    parts.push('</table>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

function renderTrace(trace: DevTrace, logs: readonly DevLogRecord[]): string {
  const { rows, unmatchedLogs } = buildTree(trace, logs);
  const t0 = BigInt(trace.startTimeUnixNano);
  const total = Number(BigInt(trace.endTimeUnixNano) - t0) || 1;
  const out: string[] = [];
  out.push(`<h2 id="trace-${escapeHtml(trace.traceId)}">trace ${escapeHtml(trace.traceId)}</h2>`);
  out.push(
    `<p class="meta">${nsToIso(trace.startTimeUnixNano)} · ${formatMs(trace.durationMs)} · ${trace.spans.length} spans · services: ${escapeHtml(trace.services.join(', '))}</p>`,
  );
  out.push(`<table><tr><th>service</th><th>span</th><th>0 ms … ${formatMs(trace.durationMs)}</th><th>duration</th><th>status</th></tr>`);
  for (const row of rows) {
    const s = row.span;
    const svc = serviceOf(s.resource);
    const hue = HUES[trace.services.indexOf(svc) % HUES.length];
    const left = (Number(BigInt(s.startTimeUnixNano) - t0) / total) * 100;
    const w = (Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / total) * 100;
    const isError = s.status.code === 2;
    const status = isError ? `ERROR${s.status.message ? `: ${s.status.message}` : ''}` : s.status.code === 1 ? 'OK' : '';
    const kind = s.kind >= 2 && s.kind <= 5 ? ` (${SPAN_KIND_NAMES[s.kind]})` : '';
    const attrs = Object.keys(s.attributes).map((k) => `${k} = ${formatValue(s.attributes[k], 200)}`);
    for (const e of s.events) attrs.push(`event ${nsToIso(e.timeUnixNano)} ${e.name} ${attrSummary(e.attributes, 6).join(' ')}`);
    out.push(
      `<tr class="span${isError ? ' error' : ''}"><td style="color:hsl(${hue},60%,35%)">${escapeHtml(svc)}</td>` +
        `<td class="name">${escapeHtml(row.prefix + s.name + kind)}${row.orphan ? ' <span class="meta">(parent not received)</span>' : ''}` +
        (attrs.length > 0
          ? `<details><summary>${attrs.length} attributes/events</summary><div class="attrs">${escapeHtml(attrs.join('\n'))}</div></details>`
          : '') +
        `</td><td class="bar"><div class="track"><div class="fill" style="left:${left.toFixed(3)}%;width:${w.toFixed(3)}%;` +
        `background:${isError ? '#d33' : `hsl(${hue},60%,55%)`}"></div></div></td>` +
        `<td class="dur">${formatMs(s.durationMs)}</td><td class="status">${escapeHtml(status)}</td></tr>`,
    );
    for (const l of row.logs) out.push(logRow(l, row.continuation));
  }
  for (const l of unmatchedLogs) out.push(logRow(l, '? '));
  out.push('</table>');
  return out.join('\n');
}

function logRow(l: DevLogRecord, indent: string): string {
  const attrs = attrSummary(l.attributes, 6).join(' ');
  return (
    `<tr class="log"><td></td><td colspan="4">${escapeHtml(indent)}${nsToIso(logTime(l))} ` +
    `<span class="level-${levelClass(l)}">${escapeHtml(levelName(l).padEnd(5))}</span> ${escapeHtml(bodyText(l))}` +
    `${attrs ? `  <span class="attrs">${escapeHtml(attrs)}</span>` : ''}</td></tr>`
  );
}
