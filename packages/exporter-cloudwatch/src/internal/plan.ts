import type { LogEntry } from '@meridian/transport';
import { EVENT_OVERHEAD, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_MESSAGE_BYTES, MAX_SPAN_MS } from './limits.js';
import { truncateLine } from './truncate.js';

/** One PutLogEvents call: events in timestamp order, and the batch indexes they came from. */
export interface Put {
  readonly target: number;
  readonly events: { timestamp: number; message: string }[];
  readonly indexes: number[];
}

export interface Plan {
  readonly puts: Put[];
  /** Records whose line was shortened to fit one event. */
  readonly truncated: number;
}

/**
 * Cut `records` into PutLogEvents calls that respect every documented limit: per target, sorted
 * by timestamp (stable), ≤ 10,000 events, ≤ 1,048,576 bytes counting 26 per event, ≤ 24 h span,
 * each message ≤ 1,048,550 bytes (longer ones truncated, see truncate.ts).
 */
export function planPuts(records: readonly LogEntry[], targetOf: (e: LogEntry) => number, targets: number): Plan {
  const byTarget: number[][] = [];
  for (let t = 0; t < targets; t++) byTarget.push([]);
  for (let i = 0; i < records.length; i++) byTarget[targetOf(records[i]!)]!.push(i);
  const puts: Put[] = [];
  let truncated = 0;
  for (let t = 0; t < targets; t++) {
    const idx = byTarget[t]!;
    if (idx.length === 0) continue;
    idx.sort((a, b) => records[a]!.time - records[b]!.time || a - b);
    let cur: Put | undefined;
    let bytes = 0;
    let first = 0;
    for (const i of idx) {
      const e = records[i]!;
      let message = e.line;
      // a UTF-16 unit is at most 3 UTF-8 bytes: only measure lines that might be too long
      let size = message.length * 3 <= MAX_MESSAGE_BYTES ? -1 : Buffer.byteLength(message);
      if (size > MAX_MESSAGE_BYTES) {
        message = truncateLine(message, MAX_MESSAGE_BYTES);
        size = Buffer.byteLength(message);
        truncated++;
      }
      if (size < 0) size = Buffer.byteLength(message);
      const cost = size + EVENT_OVERHEAD;
      const ts = Math.floor(e.time);
      if (cur === undefined || cur.events.length >= MAX_BATCH_EVENTS || bytes + cost > MAX_BATCH_BYTES || ts - first > MAX_SPAN_MS) {
        cur = { target: t, events: [], indexes: [] };
        puts.push(cur);
        bytes = 0;
        first = ts;
      }
      cur.events.push({ timestamp: ts, message });
      cur.indexes.push(i);
      bytes += cost;
    }
  }
  return { puts, truncated };
}
