/** Why a record was dropped. Every drop is counted under exactly one reason. */
export const DROP_REASONS = [
  'queue_full', // the in-memory bound was reached (and no spool took the overflow)
  'permanent', // the destination rejected it for good (e.g. HTTP 400)
  'max_attempts', // retryable failures on this record reached MERIDIAN_MAX_ATTEMPTS
  'closed', // written after close()
  'shutdown', // still undelivered when close()'s deadline passed, and no spool
  'exit', // still in memory at flushSync() (process exit), and no spool
  'spool_full', // would have gone to the spool, but the spool is at MERIDIAN_SPOOL_MAX_BYTES
  'spool_corrupt', // found damaged (CRC mismatch, truncated frame) when reading a spool back
  'encode_error', // the exporter's encode() threw on the batch
  'refused', // the exporter refused to start (a guard or its configuration) and no spool kept them
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Export latency histogram bucket upper bounds, in milliseconds. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export interface LatencyHistogram {
  /** Upper bounds (ms) of each bucket; counts has one more entry for +Inf. Not cumulative. */
  readonly boundsMs: readonly number[];
  readonly counts: number[];
  sumMs: number;
  count: number;
}

export interface LastError {
  readonly time: number;
  readonly message: string;
}

export interface TransportStats {
  readonly exporter: string;
  /** `pending`: no exporter attached yet (records queue within the bounds); `refused`: the exporter could not start. */
  state: 'pending' | 'ready' | 'refused';
  /** Records handed to write(). */
  enqueued: number;
  /** Records the destination acknowledged. */
  sent: number;
  /** Record sends that were repeats (a record resent twice adds 2). */
  retried: number;
  /** Records read back from a spool written earlier (this or a previous process). */
  replayed: number;
  /** Records appended to the disk spool. */
  spooled: number;
  /** Dropped records by reason; every reason is present (0 when none). */
  readonly dropped: Record<DropReason, number>;
  /** Sum of `dropped`. */
  droppedTotal: number;
  /** Records in memory: waiting, retrying or in flight. */
  queueRecords: number;
  queueBytes: number;
  inFlightRecords: number;
  /** Bytes in this exporter's spool file(s) written and not yet replayed. */
  spoolBytes: number;
  batchesSent: number;
  batchesFailed: number;
  /** Since when sends fail with the destination unreachable (epoch ms), or undefined. */
  unavailableSince: number | undefined;
  lastError: LastError | undefined;
  readonly exportLatency: LatencyHistogram;
}

export function newStats(exporter: string): TransportStats {
  const dropped = {} as Record<DropReason, number>;
  for (const r of DROP_REASONS) dropped[r] = 0;
  return {
    exporter,
    state: 'pending',
    enqueued: 0,
    sent: 0,
    retried: 0,
    replayed: 0,
    spooled: 0,
    dropped,
    droppedTotal: 0,
    queueRecords: 0,
    queueBytes: 0,
    inFlightRecords: 0,
    spoolBytes: 0,
    batchesSent: 0,
    batchesFailed: 0,
    unavailableSince: undefined,
    lastError: undefined,
    exportLatency: { boundsMs: LATENCY_BUCKETS_MS, counts: new Array(LATENCY_BUCKETS_MS.length + 1).fill(0), sumMs: 0, count: 0 },
  };
}

export function observeLatency(h: LatencyHistogram, ms: number): void {
  let i = 0;
  while (i < h.boundsMs.length && ms > h.boundsMs[i]!) i++;
  h.counts[i]!++;
  h.sumMs += ms;
  h.count++;
}

/** A deep copy, so callers can keep it and compare. */
export function copyStats(s: TransportStats): TransportStats {
  return {
    ...s,
    dropped: { ...s.dropped },
    exportLatency: { ...s.exportLatency, counts: [...s.exportLatency.counts] },
  };
}
