import type { QueueEntry } from '../types.js';

/**
 * A growable ring buffer of entries with a running size in bytes. `removed` and `added` count
 * every entry ever taken from the head / appended at the tail: flush() barriers compare
 * against them instead of tagging each record (no per-record allocation).
 *
 * Size is `line.length + 1` (the newline): exact for ASCII, an undercount for other UTF-8.
 * Measured: Buffer.byteLength on a 300-char line costs ~40 ns, `.length` is free; the bounds are
 * for memory, and a JS string of n UTF-16 units takes at least n bytes of heap anyway.
 */
export class Fifo {
  private buf: (QueueEntry | undefined)[];
  private head = 0;
  private count = 0;
  bytes = 0;
  added = 0;
  removed = 0;

  constructor(initial = 1024) {
    this.buf = new Array<QueueEntry | undefined>(initial);
  }

  get length(): number {
    return this.count;
  }

  push(entry: QueueEntry): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.head + this.count) % this.buf.length] = entry;
    this.count++;
    this.added++;
    this.bytes += entryBytes(entry);
  }

  /** The oldest entry, not removed. */
  peek(): QueueEntry | undefined {
    return this.count === 0 ? undefined : this.buf[this.head];
  }

  shift(): QueueEntry | undefined {
    if (this.count === 0) return undefined;
    const e = this.buf[this.head]!;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.buf.length;
    this.count--;
    this.removed++;
    this.bytes -= entryBytes(e);
    return e;
  }

  private grow(): void {
    const next = new Array<QueueEntry | undefined>(this.buf.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}

/** A record's size for the memory bounds: UTF-16 units of a line (+1, the newline), or bytes of an encoded item. */
export function entryBytes(entry: QueueEntry): number {
  const line = entry.line;
  return (typeof line === 'string' ? line.length : line.byteLength) + 1;
}
