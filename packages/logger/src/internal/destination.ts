/**
 * The record and destination contracts are the pipeline's, defined once in @meridian/transport;
 * the logger builds `Entry` objects and counts what its own destinations do.
 */
import type { LogEntry } from '@meridian/transport';
import type { Level } from './levels.js';

export type { Destination, LogEntry } from '@meridian/transport';

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
