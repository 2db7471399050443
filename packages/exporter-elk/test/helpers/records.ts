import type { Level, LogEntry } from '@meridian/transport';

const VALUES: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * A record shaped like @meridian/logger's line (timestamp, level, message, service, trace ids,
 * request context, fields) carrying its sequence number in `seq`; `padBytes` adds a field of that size.
 */
export function record(seq: number, padBytes = 0, level: Level = 'info'): LogEntry {
  const time = 1_763_700_000_000 + seq;
  const fields: Record<string, unknown> = {
    timestamp: new Date(time).toISOString(),
    level,
    message: `charge ${seq} authorized`,
    service: 'payments-api',
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_id: '00f067aa0ba902b7',
    trace_flags: '01',
    request_id: `req-${seq}`,
    seq,
    amount: 1200 + (seq % 97),
    currency: 'EUR',
    customer: { id: `cus_${seq % 1000}`, tier: 'gold' },
  };
  if (padBytes > 0) fields.payload = 'x'.repeat(padBytes);
  return { time, level, levelValue: VALUES[level], line: JSON.stringify(fields) };
}

/** 20,000 records as the issue asks: mostly ~400 B, every 1000th 300 KB, three over 1 MB. */
export function mixedRecords(n = 20_000): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    let pad = 0;
    if (i % 1000 === 500) pad = 300 * 1024;
    if (i === 4321 || i === 12345 || i === 19999) pad = 1024 * 1024 + 77 * 1024;
    out.push(record(i, pad));
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Wait until `cond()` holds, polling; throws after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The sequence number of a document as the exporters send it (ECS: labels.seq; raw: seq). */
export function seqOf(doc: Record<string, unknown>): number {
  const labels = doc.labels as Record<string, string> | undefined;
  return labels?.seq !== undefined ? Number(labels.seq) : Number(doc.seq);
}
