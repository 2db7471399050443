import type { QueueEntry } from '../types.js';
import { type Batch, newBatch } from './batch.js';
import { entryBytes, Fifo } from './fifo.js';

export interface LaneLimits {
  readonly queueMaxRecords: number;
  readonly queueMaxBytes: number;
  readonly batchMaxRecords: number;
  readonly batchMaxBytes: number;
  readonly batchDelayMs: number;
}

/** What the caller should do after a push. */
export const enum Wake {
  None = 0,
  /** A batch is ready: cut it on the next turn of the event loop. */
  Now = 1,
  /** The first record of a new batch: wake at `batchDeadline`. */
  AtDeadline = 2,
}

/**
 * The two level lanes (urgent: error/fatal, sent at once; normal: waits for a full batch or the
 * batch delay) and the memory account. `records`/`bytes` count everything held in memory —
 * queued here, waiting to retry, or in flight — since all of it is what the bounds protect.
 */
export class Lanes {
  readonly urgent = new Fifo(64);
  readonly normal = new Fifo(1024);
  records = 0;
  bytes = 0;
  /** When the oldest normal record's batch is due (Infinity when the lane is empty). */
  batchDeadline = Infinity;

  private o: LaneLimits;

  constructor(limits: LaneLimits) {
    this.o = limits;
  }

  /** New batch limits (an exporter attached late lowers them to its service's); queued records stay. */
  setLimits(limits: LaneLimits): void {
    this.o = limits;
  }

  fits(size: number): boolean {
    return this.records < this.o.queueMaxRecords && this.bytes + size <= this.o.queueMaxBytes;
  }

  /** Append a record the bounds have room for. */
  push(entry: QueueEntry, urgent: boolean): Wake {
    this.records++;
    this.bytes += entryBytes(entry);
    if (urgent) {
      this.urgent.push(entry);
      return Wake.Now;
    }
    const lane = this.normal;
    lane.push(entry);
    if (lane.length >= this.o.batchMaxRecords || lane.bytes >= this.o.batchMaxBytes) return Wake.Now;
    if (this.batchDeadline !== Infinity) return Wake.None;
    this.batchDeadline = Date.now() + this.o.batchDelayMs;
    return Wake.AtDeadline;
  }

  /** Remove the oldest record of `lane` from memory (evicted, spilled or spooled). */
  take(lane: Fifo): QueueEntry {
    const e = lane.shift()!;
    this.records--;
    this.bytes -= entryBytes(e);
    if (lane === this.normal && lane.length === 0) this.batchDeadline = Infinity;
    return e;
  }

  /** Records of a batch leave memory (acknowledged, dropped or spooled). */
  release(count: number, bytes: number): void {
    this.records -= count;
    this.bytes -= bytes;
  }

  /** The earliest time a batch can be cut from the lanes (Infinity: nothing queued). */
  nextDue(now: number, flushing: boolean): number {
    if (this.urgent.length > 0) return now;
    if (this.normal.length === 0) return Infinity;
    return flushing ? now : this.batchDeadline;
  }

  /** Cut a batch: urgent records first, then normal ones (which ride along even before their delay). */
  cut(now: number, flushing: boolean): Batch | undefined {
    const o = this.o;
    const n = this.normal;
    const normalDue = n.length > 0 && (flushing || n.length >= o.batchMaxRecords || n.bytes >= o.batchMaxBytes || now >= this.batchDeadline);
    if (this.urgent.length === 0 && !normalDue) return undefined;
    const entries: QueueEntry[] = [];
    let bytes = 0;
    const u0 = this.urgent.removed;
    const n0 = n.removed;
    for (const lane of [this.urgent, n]) {
      while (lane.length > 0 && entries.length < o.batchMaxRecords) {
        const size = entryBytes(lane.peek()!);
        if (entries.length > 0 && bytes + size > o.batchMaxBytes) break;
        entries.push(lane.shift()!);
        bytes += size;
      }
    }
    if (n.length === 0) this.batchDeadline = Infinity;
    return newBatch(entries, bytes, this.urgent.removed > u0 ? u0 : Infinity, n.removed > n0 ? n0 : Infinity);
  }

  /** Take every queued record out of memory, urgent first (exit, teardown). */
  takeAll(out: QueueEntry[]): void {
    while (this.urgent.length > 0) out.push(this.take(this.urgent));
    while (this.normal.length > 0) out.push(this.take(this.normal));
  }

  /** Have all records queued before these lane positions left the lanes? */
  passed(capUrgent: number, capNormal: number): boolean {
    return this.urgent.removed >= capUrgent && this.normal.removed >= capNormal;
  }
}
