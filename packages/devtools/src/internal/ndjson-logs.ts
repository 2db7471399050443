/**
 * Meridian's own JSON log lines (one object per line) as DevLogRecords:
 *   {"timestamp":"2026-…Z","level":"info","message":"…","service":"checkout","trace_id":"…","span_id":"…",…}
 * `time` (epoch ms) and `msg` (pino) are accepted as well; every other field becomes an attribute.
 * A line that is not a JSON object is rejected and counted; the other lines are kept.
 */
import type { DevAttributes, DevLogRecord, DevValue } from '../model.js';
import { finishLog, type LogDraft } from './log-draft.js';
import { asId, isObject } from './otlp-json-common.js';
import { setAttribute } from './otlp-proto-common.js';
import { reject, type DecodedBatch } from './span-draft.js';

const LEVELS: Record<string, number> = {
  trace: 1,
  debug: 5,
  info: 9,
  notice: 10,
  warn: 13,
  warning: 13,
  error: 17,
  err: 17,
  fatal: 21,
  critical: 21,
};
const SCOPE = { name: '@meridian/devtools/ndjson', version: '' };
const CONSUMED = new Set(['timestamp', 'time', 'level', 'message', 'msg', 'service', 'trace_id', 'span_id', 'trace_flags']);
const FRACTION_RE = /\.(\d+)/;

export function decodeNdjson(body: Uint8Array, receivedAtNs: bigint): DecodedBatch<DevLogRecord> {
  const batch: DecodedBatch<DevLogRecord> = { items: [], rejected: 0, rejectReason: '' };
  const lines = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').split('\n');
  const resources = new Map<string, DevAttributes>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      reject(batch, `line ${i + 1}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    if (!isObject(o)) {
      reject(batch, `line ${i + 1}: expected a JSON object`);
      continue;
    }
    const service = typeof o.service === 'string' ? o.service : '';
    let resource = resources.get(service);
    if (resource === undefined) {
      resource = service === '' ? {} : { 'service.name': service };
      resources.set(service, resource);
    }
    const level = o.level;
    const severityNumber = typeof level === 'number' ? pinoSeverity(level) : (LEVELS[String(level ?? '').toLowerCase()] ?? 0);
    const attributes: DevAttributes = {};
    for (const key of Object.keys(o)) {
      if (CONSUMED.has(key)) continue;
      setAttribute(attributes, key, o[key] as DevValue);
    }
    const message = o.message !== undefined ? o.message : o.msg;
    const d: LogDraft = {
      time: timeOf(o.timestamp !== undefined ? o.timestamp : o.time),
      observed: receivedAtNs,
      severityNumber,
      severityText: typeof level === 'string' ? level : severityNumber > 0 ? nameOf(severityNumber) : '',
      body: message === undefined ? null : (message as DevValue),
      attributes,
      eventName: '',
      traceId: asId(typeof o.trace_id === 'string' ? o.trace_id : '', 'trace_id', 16),
      spanId: asId(typeof o.span_id === 'string' ? o.span_id : '', 'span_id', 8),
    };
    finishLog(d, resource, SCOPE, batch);
  }
  return batch;
}

/** pino levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function pinoSeverity(n: number): number {
  if (n >= 60) return 21;
  if (n >= 50) return 17;
  if (n >= 40) return 13;
  if (n >= 30) return 9;
  if (n >= 20) return 5;
  return n > 0 ? 1 : 0;
}

function nameOf(severity: number): string {
  return ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][Math.min(5, Math.floor((severity - 1) / 4))];
}

/** An ISO 8601 string (sub-millisecond digits kept) or epoch milliseconds, as nanoseconds; 0 when absent or unreadable. */
export function timeOf(v: unknown): bigint {
  if (typeof v === 'number' && Number.isFinite(v)) {
    // Whole milliseconds and the fraction separately: v * 1e6 would round away the last digits.
    const ms = Math.trunc(v);
    return BigInt(ms) * 1_000_000n + BigInt(Math.round((v - ms) * 1e6));
  }
  if (typeof v !== 'string') return 0n;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return 0n;
  let ns = BigInt(ms) * 1_000_000n;
  const frac = FRACTION_RE.exec(v);
  if (frac !== null && frac[1].length > 3) ns += BigInt(frac[1].slice(3, 9).padEnd(6, '0'));
  return ns;
}
