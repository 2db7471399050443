import type { Level, LogEntry } from '../../src/index.js';

const VALUES: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** A record shaped like the logger's: a realistic JSON line carrying the index `i`. */
export function entry(i: number, level: Level = 'info', extra: Record<string, unknown> = {}): LogEntry {
  const time = 1_763_700_000_000 + i;
  return {
    time,
    level,
    levelValue: VALUES[level],
    line: JSON.stringify({
      time: new Date(time).toISOString(),
      level,
      i,
      msg: 'request completed',
      service: 'payments-api',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      http: { method: 'POST', route: '/v1/charges', status_code: 201 },
      duration_ms: 12.5 + (i % 7),
      ...extra,
    }),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Wait until `cond()` holds, polling; throws after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
