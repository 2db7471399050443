import type { QueueEntry } from '../types.js';
import { entryBytes } from './fifo.js';

/** Records on their way to the exporter, together with what we know of their history. */
export interface Batch {
  entries: QueueEntry[];
  bytes: number;
  /** Failed sends charged to these records (destination-unavailable failures are not charged). */
  charged: number;
  /** Sends made, charged or not (for the `retried` counter). */
  sends: number;
  /** Throttled retries in a row (not charged; they only lengthen the backoff). */
  throttled: number;
  /** Lowest absolute lane index among the entries (Infinity if none): flush() barriers compare against it. */
  minUrgent: number;
  minNormal: number;
  /** Earliest time the batch may be sent again. */
  dueAt: number;
  /** The encoded (and compressed) body, kept for a whole-batch retry. */
  body: Uint8Array | undefined;
  abort: AbortController | undefined;
  /** Set when flushSync()/teardown already spooled or dropped these records. */
  settled: boolean;
}

export function newBatch(entries: QueueEntry[], bytes: number, minUrgent: number, minNormal: number): Batch {
  return { entries, bytes, charged: 0, sends: 0, throttled: 0, minUrgent, minNormal, dueAt: 0, body: undefined, abort: undefined, settled: false };
}

/** The retry batch for a subset of `parent`'s entries. */
export function childBatch(parent: Batch, entries: QueueEntry[]): Batch {
  let bytes = 0;
  for (const e of entries) bytes += entryBytes(e);
  const b = newBatch(entries, bytes, parent.minUrgent, parent.minNormal);
  b.charged = parent.charged;
  b.sends = parent.sends;
  b.throttled = parent.throttled;
  return b;
}
