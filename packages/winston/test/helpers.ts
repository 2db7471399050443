import { Writable } from 'node:stream';
import { collectDiagnostics } from '@meridian/config';
import type { Destination, LogEntry } from '@meridian/logger';

/** A Meridian destination keeping every line; `delayMs` makes flush()/close() take that long (a slow exporter). */
export class CollectingDestination implements Destination {
  readonly lines: string[] = [];
  closed = false;
  constructor(private readonly delayMs = 0) {}
  write(entry: LogEntry): void {
    this.lines.push(entry.line);
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  async flush(): Promise<void> {
    if (this.delayMs === Infinity) await new Promise(() => {}); // a destination that never answers (no timer keeps the process alive)
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}

/** A writable for winston's Stream transport: the lines winston wrote, parsed. */
export class LineSink extends Writable {
  readonly lines: string[] = [];
  constructor() {
    super({ decodeStrings: false });
  }
  override _write(chunk: unknown, _enc: string, cb: () => void): void {
    for (const l of String(chunk).split('\n')) if (l !== '') this.lines.push(l);
    cb();
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

/** Collect diagnostics printed while `fn` runs (and keep them off stderr). */
export async function diagnostics(fn: () => unknown): Promise<string[]> {
  const d = collectDiagnostics();
  try {
    await fn();
  } finally {
    d.stop();
  }
  return d.lines;
}

export const CARD = '4111 1111 1111 1111';
export const EMAIL = 'jane.doe@example.com';

/** True when no planted value appears anywhere in `text`. */
export function clean(text: string): boolean {
  return !text.includes(CARD) && !text.includes('4111111111111111') && !text.includes(EMAIL) && !text.includes('hunter2');
}
