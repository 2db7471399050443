import type { Level, LogEntry } from '@meridian/transport';

export const LEVELS: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const LEVEL_VALUES: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
export const SEVERITY: Record<Level, number> = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };

const BASE_MS = Date.UTC(2026, 10, 21, 5, 30, 0, 0);

export function traceIdOf(i: number): string {
  return (i + 1).toString(16).padStart(32, 'a');
}
export function spanIdOf(i: number): string {
  return (i + 1).toString(16).padStart(16, 'b');
}

export interface RecordShape {
  level: Level;
  /** Size of an extra `payload` string attribute, in characters. */
  payload?: number;
  /** Write the timestamp with microseconds (as some producers do). */
  micros?: boolean;
  service?: string;
  noSpan?: boolean;
}

/** A Meridian record line as @meridian/logger writes it (key order included). */
export function makeRecord(i: number, shape: RecordShape): Record<string, unknown> {
  const ms = BASE_MS + i;
  let timestamp = new Date(ms).toISOString();
  if (shape.micros) timestamp = timestamp.replace('Z', `${String(i % 1000).padStart(3, '0')}Z`);
  const rec: Record<string, unknown> = {
    timestamp,
    level: shape.level,
    message: `payment ${i} processed`,
    service: shape.service ?? 'payments-api',
  };
  if (!shape.noSpan) {
    rec.trace_id = traceIdOf(i);
    rec.span_id = spanIdOf(i);
    rec.trace_flags = i % 2 === 0 ? '01' : '00';
  }
  rec.requestId = `req-${i}`;
  rec.seq = i;
  rec.amount = 12.5 + i;
  rec.captured = i % 3 === 0;
  rec.customer = { id: `c-${i}`, tier: 'gold', limits: { daily: 1000, currency: 'EUR' } };
  rec.items = ['sku-1', 2, true, { qty: 3 }];
  if (shape.level === 'error' || shape.level === 'fatal') {
    rec.error = {
      type: 'CardDeclinedError',
      message: `declined ${i}`,
      stack: `CardDeclinedError: declined ${i}\n    at charge (file:///app/pay.js:10:17)`,
      code: 'E_DECLINED',
    };
  }
  if (shape.payload !== undefined) rec.payload = 'x'.repeat(shape.payload);
  return rec;
}

export function entryOf(rec: Record<string, unknown>, i: number): LogEntry {
  const level = rec.level as Level;
  return { time: BASE_MS + i, level, levelValue: LEVEL_VALUES[level], line: JSON.stringify(rec) };
}

export function makeEntry(i: number, shape: RecordShape = { level: 'info' }): LogEntry {
  return entryOf(makeRecord(i, shape), i);
}
