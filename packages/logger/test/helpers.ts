/** Shared test helpers: a capturing destination and line parsing. */
import type { Destination, LogEntry } from '../src/index.js';

export interface Capture extends Destination {
  entries: LogEntry[];
  lines(): string[];
  records(): Array<Record<string, unknown>>;
  flushes: number;
  closes: number;
}

export function capture(): Capture {
  const entries: LogEntry[] = [];
  const c: Capture = {
    entries,
    flushes: 0,
    closes: 0,
    write(entry) {
      entries.push(entry);
    },
    async flush() {
      c.flushes++;
    },
    async close() {
      c.closes++;
    },
    lines: () => entries.map((e) => e.line),
    records: () => entries.map((e) => JSON.parse(e.line) as Record<string, unknown>),
  };
  return c;
}

/** Fixed clock: 2026-11-21T05:30:00.123Z. */
export const FIXED_MS = Date.UTC(2026, 10, 21, 5, 30, 0, 123);
export const FIXED_ISO = '2026-11-21T05:30:00.123Z';
export const fixedNow = (): number => FIXED_MS;

/** Keys of a JSON object line in the order they appear, with duplicates (JSON.parse would hide them). */
export function topLevelKeys(line: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let i = 0;
  let expectKey = false;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      let j = i + 1;
      while (line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(line.slice(i, j + 1)) as string);
      expectKey = false;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if ((c === '{' && depth === 1) || (c === ',' && depth === 1)) expectKey = true;
    i++;
  }
  return keys;
}
