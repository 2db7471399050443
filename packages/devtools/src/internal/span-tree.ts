/**
 * Orders a trace's spans as a tree (children under their parent, siblings by start time) and
 * attaches each log record to the span it was emitted in. Iterative, so a very deep chain of
 * spans cannot overflow the stack; a span whose parent was not received becomes a root.
 */
import type { DevLogRecord, DevSpan, DevTrace } from '../model.js';
import { logTime } from './format.js';

export interface TreeRow {
  span: DevSpan;
  depth: number;
  /** Tree glyphs before the name: `├─ `, `│  └─ `, … */
  prefix: string;
  /** Glyphs to put before lines under this span (its logs): `│  │  `. */
  continuation: string;
  /** The span has a parent id that is not in this trace. */
  orphan: boolean;
  logs: DevLogRecord[];
}

export interface TraceTree {
  rows: TreeRow[];
  /** Logs of this trace whose span id matches no span received. */
  unmatchedLogs: DevLogRecord[];
}

export function buildTree(trace: DevTrace, logs: readonly DevLogRecord[]): TraceTree {
  const byId = new Map<string, DevSpan>();
  for (const s of trace.spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const children = new Map<string, DevSpan[]>();
  const roots: DevSpan[] = [];
  for (const s of trace.spans) {
    const p = s.parentSpanId;
    if (p !== undefined && p !== s.spanId && byId.has(p)) {
      let list = children.get(p);
      if (list === undefined) children.set(p, (list = []));
      list.push(s);
    } else roots.push(s);
  }

  const logsBySpan = new Map<string, DevLogRecord[]>();
  const unmatchedLogs: DevLogRecord[] = [];
  for (const l of logs) {
    if (l.traceId !== undefined && l.traceId !== trace.traceId) continue;
    if (l.spanId !== undefined && byId.has(l.spanId)) {
      let list = logsBySpan.get(l.spanId);
      if (list === undefined) logsBySpan.set(l.spanId, (list = []));
      list.push(l);
    } else if (l.traceId === trace.traceId) unmatchedLogs.push(l);
  }
  for (const list of logsBySpan.values()) list.sort(byLogTime);
  unmatchedLogs.sort(byLogTime);

  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  // Stack entries: span, depth, ancestors' continuation, and whether it is the last sibling.
  const stack: Array<{ span: DevSpan; depth: number; cont: string; last: boolean; root: boolean }> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ span: roots[i], depth: 0, cont: '', last: true, root: true });
  // Spans in a parent cycle are never reached from a root: list them as roots afterwards.
  let next = 0;
  for (;;) {
    const top = stack.pop();
    if (top === undefined) {
      while (next < trace.spans.length && seen.has(trace.spans[next].spanId)) next++;
      if (next >= trace.spans.length) break;
      stack.push({ span: trace.spans[next], depth: 0, cont: '', last: true, root: true });
      continue;
    }
    const { span, depth, cont, last, root } = top;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    const prefix = root ? '' : cont + (last ? '└─ ' : '├─ ');
    const childCont = root ? '' : cont + (last ? '   ' : '│  ');
    const kids = children.get(span.spanId) ?? [];
    rows.push({
      span,
      depth,
      prefix,
      continuation: childCont + (kids.length > 0 ? '│  ' : '   '),
      orphan: span.parentSpanId !== undefined && !byId.has(span.parentSpanId),
      logs: logsBySpan.get(span.spanId) ?? [],
    });
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ span: kids[i], depth: depth + 1, cont: childCont, last: i === kids.length - 1, root: false });
    }
  }
  return { rows, unmatchedLogs };
}

function byLogTime(a: DevLogRecord, b: DevLogRecord): number {
  const x = BigInt(logTime(a));
  const y = BigInt(logTime(b));
  return x < y ? -1 : x > y ? 1 : 0;
}
