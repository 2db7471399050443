import { type Env, raw, readBool, readEnum, readInt, readSize } from '../internal/parsers.js';

export const QUEUE_FULL_POLICIES = ['drop_newest', 'drop_oldest', 'block'] as const;
/**
 * What a full in-memory queue does with one more record. `block` cannot stall a synchronous
 * `write()` (that would freeze the event loop that drains the queue): it spills to the spool
 * and falls back to `drop_newest` when no spool has room. See packages/transport/README.md.
 */
export type QueueFullPolicy = (typeof QUEUE_FULL_POLICIES)[number];

export const TRANSPORT_COMPRESSIONS = ['gzip', 'none'] as const;
export type TransportCompression = (typeof TRANSPORT_COMPRESSIONS)[number];

/** Queue and delivery settings (MERIDIAN_QUEUE_*, MERIDIAN_BATCH_*, MERIDIAN_SPOOL_*, …). */
export interface TransportConfig {
  /** MERIDIAN_QUEUE_MAX_RECORDS: records held in memory (queued, retrying, in flight). */
  queueMaxRecords: number;
  /** MERIDIAN_QUEUE_MAX_BYTES: bytes of log lines held in memory. */
  queueMaxBytes: number;
  /** MERIDIAN_QUEUE_FULL_POLICY. */
  queueFullPolicy: QueueFullPolicy;
  /** MERIDIAN_BATCH_DELAY_MS: longest time a non-urgent record waits for its batch to fill. */
  batchDelayMs: number;
  /** MERIDIAN_BATCH_MAX_RECORDS (exporters may lower it in code). */
  batchMaxRecords: number;
  /** MERIDIAN_BATCH_MAX_BYTES (exporters may lower it in code). */
  batchMaxBytes: number;
  /** MERIDIAN_MAX_ATTEMPTS: sends of one record before a retryable failure becomes a drop. */
  maxAttempts: number;
  /** MERIDIAN_COMPRESSION; undefined = the exporter's default (gzip for network exporters). */
  compression: TransportCompression | undefined;
  /** MERIDIAN_SPOOL_DIR; undefined = no disk spool. */
  spoolDir: string | undefined;
  /** MERIDIAN_SPOOL_MAX_BYTES: size cap of one exporter's spool. */
  spoolMaxBytes: number;
  /** MERIDIAN_DEBUG_BUFFER: hold debug/trace per request, ship them only if the request logs an error. */
  debugBuffer: boolean;
  /** MERIDIAN_DEBUG_BUFFER_MAX: records held per request (oldest dropped beyond). */
  debugBufferMax: number;
  /** MERIDIAN_METRICS: publish self-metrics (OpenTelemetry meter, Prometheus handler). */
  metrics: boolean;
}

export function readTransport(env: Env): TransportConfig {
  return {
    queueMaxRecords: readInt(env, 'MERIDIAN_QUEUE_MAX_RECORDS', 20_000, 1, 10_000_000),
    queueMaxBytes: readSize(env, 'MERIDIAN_QUEUE_MAX_BYTES', 16 * 1024 * 1024, 1024),
    queueFullPolicy: readEnum(env, 'MERIDIAN_QUEUE_FULL_POLICY', QUEUE_FULL_POLICIES, 'drop_newest'),
    batchDelayMs: readInt(env, 'MERIDIAN_BATCH_DELAY_MS', 2000, 0, 600_000),
    batchMaxRecords: readInt(env, 'MERIDIAN_BATCH_MAX_RECORDS', 1000, 1, 1_000_000),
    batchMaxBytes: readSize(env, 'MERIDIAN_BATCH_MAX_BYTES', 1_048_576, 1024),
    maxAttempts: readInt(env, 'MERIDIAN_MAX_ATTEMPTS', 8, 1, 1000),
    compression: readEnum(env, 'MERIDIAN_COMPRESSION', TRANSPORT_COMPRESSIONS, undefined),
    spoolDir: raw(env, 'MERIDIAN_SPOOL_DIR'),
    spoolMaxBytes: readSize(env, 'MERIDIAN_SPOOL_MAX_BYTES', 64 * 1024 * 1024, 4096),
    debugBuffer: readBool(env, 'MERIDIAN_DEBUG_BUFFER', false),
    debugBufferMax: readInt(env, 'MERIDIAN_DEBUG_BUFFER_MAX', 200, 1, 100_000),
    metrics: readBool(env, 'MERIDIAN_METRICS', false),
  };
}
