/**
 * The contracts of the pipeline, defined once here: the record every stage after `record` passes on
 * (`LogEntry`), what a stage that takes records implements (`Destination`: the router, a transport,
 * the logger's stdout and file destinations) and what an exporter owes the transport (`Exporter`).
 * `@meridian/logger` re-exports `LogEntry` and `Destination` as types.
 */

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * What the queue holds: one record, already encoded for its exporter. For logs `line` is the JSON
 * line; other signals (spans) carry their exporter's per-item encoding as bytes (e.g. one protobuf
 * `Span` message). `level`/`levelValue` pick the lane (error/fatal: urgent).
 */
export interface QueueEntry {
  readonly time: number;
  readonly level: Level;
  readonly levelValue: number;
  readonly line: string | Uint8Array;
}

/** One record as the logger produced it: `line` is one JSON object, no newline, already redacted. */
export interface LogEntry extends QueueEntry {
  readonly line: string;
}

/** Where records go: the router, a transport, the logger's stdout and file destinations. */
export interface Destination<E extends QueueEntry = LogEntry> {
  /** Synchronous from the log call: never throws, never blocks, buffers only. */
  write(entry: E): void;
  /** Resolves when every entry written before the call is written/acknowledged (or dropped, counted); never rejects. */
  flush(): Promise<void>;
  /** Flush then release; idempotent; never rejects. */
  close(): Promise<void>;
  /** Optional last-chance synchronous write at process 'exit'. */
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
  | {
      readonly outcome: 'partial';
      readonly failed: readonly RecordFailure[];
      readonly retryAfterMs?: number;
      readonly unavailable?: boolean;
      readonly error?: string;
    };

/** One batch, encoded and (maybe) compressed by the transport, ready to send. */
export interface ExportRequest<E extends QueueEntry = LogEntry> {
  /** The encoded (and, when `contentEncoding` is 'gzip', compressed) body. */
  readonly body: Uint8Array;
  readonly contentEncoding: 'gzip' | undefined;
  /** The records in the batch, in the order `encode` received them. */
  readonly records: readonly E[];
  /** Aborted when the export timeout passes or the transport is torn down. */
  readonly signal: AbortSignal;
}

/**
 * A concrete destination. It encodes and sends; batching, retries, compression, spooling and
 * metrics are the transport's. `encode` runs at batch time (off the caller's path), so this is
 * where an exporter needing structure may `JSON.parse(entry.line)`.
 */
export interface Exporter<E extends QueueEntry = LogEntry> {
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
  /**
   * The exporter's own compression setting (e.g. OTEL_EXPORTER_OTLP_COMPRESSION): wins over
   * MERIDIAN_COMPRESSION, loses to the transport's `compression` option. Undefined: no preference.
   */
  readonly compression?: 'gzip' | 'none';
  /** The exporter's own send timeout (e.g. OTEL_EXPORTER_OTLP_TIMEOUT); the transport's option wins. */
  readonly exportTimeoutMs?: number;
  encode(records: readonly E[]): string | Uint8Array;
  send(request: ExportRequest<E>): Promise<ExportResult>;
  shutdown?(): Promise<void>;
}
