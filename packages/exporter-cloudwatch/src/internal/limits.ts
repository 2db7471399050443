import { CLOUDWATCH_RETENTION_DAYS } from '@meridian/config';
/**
 * CloudWatch Logs PutLogEvents limits, from the API reference (PutLogEvents, RejectedLogEventsInfo,
 * PutRetentionPolicy). Facts carried over from the documentation; the code is ours.
 */

/** At most this many events per PutLogEvents call. */
export const MAX_BATCH_EVENTS = 10_000;
/** At most this many bytes per call: the UTF-8 bytes of every message plus EVENT_OVERHEAD per event. */
export const MAX_BATCH_BYTES = 1_048_576;
/** Bytes the service adds to each event when it sizes a batch. */
export const EVENT_OVERHEAD = 26;
/** One event may not exceed 1 MB including its overhead: this is the longest message we send. */
export const MAX_MESSAGE_BYTES = MAX_BATCH_BYTES - EVENT_OVERHEAD;
/** A batch may not span more than 24 hours (first to last timestamp). */
export const MAX_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * What we tell the transport. It sizes batches as Σ(line.length + 1) (UTF-16 code units plus one),
 * while CloudWatch counts Σ(UTF-8 bytes + 26). For ASCII lines (JSON lines are mostly ASCII) the
 * difference is 25 bytes per event, so with ≤ 10,000 events per batch this bound makes every
 * ASCII batch fit one PutLogEvents call; non-ASCII batches that do not are re-split in `send`.
 */
export const TRANSPORT_MAX_BATCH_BYTES = MAX_BATCH_BYTES - (EVENT_OVERHEAD - 1) * MAX_BATCH_EVENTS;

/** Retention periods PutRetentionPolicy accepts (days): the one list, kept in @meridian/config. */
export const RETENTION_DAYS: readonly number[] = CLOUDWATCH_RETENTION_DAYS;

/** Log group names: 1-512 of a-z A-Z 0-9 _ - / . # */
export const LOG_GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;
/** Log stream names: 1-512 characters, no ':' and no '*'. */
export const MAX_STREAM_NAME = 512;
