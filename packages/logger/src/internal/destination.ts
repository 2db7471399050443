import type { Level } from './levels.js';

/** One record on its way to the destinations. */
export interface LogEntry {
  readonly time: number;        // epoch ms at the log call
  readonly level: Level;
  readonly levelValue: number;  // 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal
  readonly line: string;        // the whole record as one JSON object, no trailing newline (already redacted)
}

/** Where records go. Later queue-backed exporters implement the same shape. */
export interface Destination {
  write(entry: LogEntry): void;   // sync from the log call: never throws, never blocks, buffers only
  flush(): Promise<void>;         // resolves when every entry written before the call is written/acknowledged; never rejects
  close(): Promise<void>;         // flush then release; idempotent; never rejects
  flushSync?(): void;             // optional last-chance synchronous write at process 'exit'
}

/** Counters every built-in destination keeps (read with `stats()`). */
export interface DestinationStats {
  /** Records written out. */
  written: number;
  /** Records dropped (buffer bound exceeded, reader gone, written after close). */
  dropped: number;
  /** Write/open/rename/compress errors seen. */
  errors: number;
}

/** Fixed-shape entry object (one per record, shared by every destination). */
export class Entry implements LogEntry {
  constructor(
    readonly time: number,
    readonly level: Level,
    readonly levelValue: number,
    readonly line: string,
  ) {}
}
