/** Text helpers shared by the waterfall and the HTML report. All times are UTC ISO 8601 with milliseconds. */
import type { DevLogRecord, DevValue } from '../model.js';

/** Nanoseconds since the epoch (decimal string) as `2026-01-02T03:04:05.678Z`; `-` when unset. */
export function nsToIso(ns: string): string {
  let n: bigint;
  try {
    n = BigInt(ns);
  } catch {
    return '-';
  }
  if (n <= 0n) return '-';
  const d = new Date(Number(n / 1_000_000n));
  return Number.isNaN(d.getTime()) ? '-' : d.toISOString();
}

/** The time a log record happened: its own time, else when it was observed. */
export function logTime(l: DevLogRecord): string {
  return l.timeUnixNano !== '0' ? l.timeUnixNano : l.observedTimeUnixNano;
}

export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

const LEVEL_BY_RANGE = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

export function levelName(l: DevLogRecord): string {
  if (l.severityText !== '') return l.severityText.toUpperCase();
  if (l.severityNumber >= 1 && l.severityNumber <= 24) return LEVEL_BY_RANGE[Math.floor((l.severityNumber - 1) / 4)];
  return 'LOG';
}

/** Severity class for colouring: 'error' (ERROR/FATAL), 'warn', or ''. */
export function levelClass(l: DevLogRecord): 'error' | 'warn' | '' {
  const n = l.severityNumber;
  const t = l.severityText.toLowerCase();
  if (n >= 17 || t === 'error' || t === 'fatal') return 'error';
  if (n >= 13 || t === 'warn' || t === 'warning') return 'warn';
  return '';
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

export function formatValue(v: DevValue, max = 60): string {
  return truncate(valueText(v, 0), max);
}

function valueText(v: DevValue, depth: number): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`;
  if (depth > 4) return '…';
  if (Array.isArray(v)) return `[${v.map((x) => quoted(x, depth + 1)).join(',')}]`;
  return `{${Object.keys(v)
    .map((k) => `${k}:${quoted(v[k], depth + 1)}`)
    .join(',')}}`;
}

function quoted(v: DevValue, depth: number): string {
  return typeof v === 'string' ? JSON.stringify(v) : valueText(v, depth);
}

export function bodyText(l: DevLogRecord): string {
  return l.body === null ? l.eventName || '' : valueText(l.body, 0);
}

/** `key=value` for the first `count` attributes. */
export function attrSummary(attrs: Record<string, DevValue>, count: number): string[] {
  const keys = Object.keys(attrs);
  const out: string[] = [];
  for (let i = 0; i < keys.length && i < count; i++) out.push(`${keys[i]}=${formatValue(attrs[keys[i]], 40)}`);
  if (keys.length > count) out.push(`(+${keys.length - count} more)`);
  return out;
}
