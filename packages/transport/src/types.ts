/**
 * The contracts of @meridian/transport: what the logger hands us (structurally the same as
 * @meridian/logger's `LogEntry`/`Destination`, which we do not import) and what an exporter owes us.
 */

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One record as the logger produced it: `line` is one JSON object, no newline, already redacted. */
export interface LogEntry {
  readonly time: number;
  readonly level: Level;
  readonly levelValue: number;
  readonly line: string;
}

/** A logger destination. `write` is synchronous, never throws and never blocks. */
export interface Destination {
  write(entry: LogEntry): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  flushSync?(): void;
}

/** One record an exporter could not deliver, by its index in the batch it was given. */
export interface RecordFailure {
  readonly index: number;
  /** true: may succeed later (sent again); false: will never succeed (dropped, counted as `permanent`). */
  readonly retryable: boolean;
  readonly error?: string;
}

/**
 * What became of one `send`. The transport acts on it; exporters never retry themselves.
 * - `ok`: every record was accepted.
 * - `retryable`: nothing was accepted, try again later (after `retryAfterMs` if the server said so).
 *   `unavailable: true` means the destination itself is unreachable or throttling (connection
 *   refused/reset, timeout, 429, 502/503/504): records do not use up attempts for it.
 * - `permanent`: nothing was accepted and sending the same records again cannot help (dropped).
 * - `partial`: the records listed in `failed` were not accepted; all others were. `unavailable: true`
 *   says the retryable ones failed because the destination is throttling (e.g. per-item 429s): they
 *   are retried with backoff without using up attempts.
 */
export type ExportResult =
  | { readonly outcome: 'ok' }
  | { readonly outcome: 'retryable'; readonly retryAfterMs?: number; readonly unavailable?: boolean; readonly error?: string }
  | { readonly outcome: 'permanent'; readonly error?: string }
  | { readonly outcome: 'partial'; readonly failed: readonly RecordFailure[]; readonly retryAfterMs?: number; readonly unavailable?: boolean; readonly error?: string };

/** One batch, encoded and (maybe) compressed by the transport, ready to send. */
export interface ExportRequest {
  /** The encoded (and, when `contentEncoding` is 'gzip', compressed) body. */
  readonly body: Uint8Array;
  readonly contentEncoding: 'gzip' | undefined;
  /** The records in the batch, in the order `encode` received them. */
  readonly records: readonly LogEntry[];
  /** Aborted when the export timeout passes or the transport is torn down. */
  readonly signal: AbortSignal;
}

/**
 * A concrete destination. It encodes and sends; batching, retries, compression, spooling and
 * metrics are the transport's. `encode` runs at batch time (off the caller's path), so this is
 * where an exporter needing structure may `JSON.parse(entry.line)`.
 */
export interface Exporter {
  /** Stable name: labels the metrics and names the spool file. [a-zA-Z0-9_.-] */
  readonly name: string;
  /** Talks over a network: compression defaults to gzip. */
  readonly network: boolean;
  /**
   * false when the destination cannot take a compressed body (e.g. CloudWatch's PutLogEvents, whose
   * SDK builds its own request): the transport then never gzips, whatever MERIDIAN_COMPRESSION says.
   */
  readonly compressible?: boolean;
  /** The service's own limits (e.g. CloudWatch: 10,000 events, 1,048,576 bytes); lower the transport's. */
  readonly maxBatchRecords?: number;
  readonly maxBatchBytes?: number;
  encode(records: readonly LogEntry[]): string | Uint8Array;
  send(request: ExportRequest): Promise<ExportResult>;
  shutdown?(): Promise<void>;
}
