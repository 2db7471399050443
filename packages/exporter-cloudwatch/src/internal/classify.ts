/**
 * How an AWS SDK error maps onto the transport's outcomes. The SDK's own retries are off
 * (maxAttempts: 1), so this mapping plus the transport's backoff is the whole retry policy.
 */

export const enum Failure {
  /** The group or stream does not exist: create it, then send again. */
  NotFound = 0,
  /** Throttling, 502/503/504 or no HTTP answer at all: retry, attempts not charged. */
  Unavailable = 1,
  /** Other 5xx: retry with backoff (charged). */
  Retryable = 2,
  /** Other 4xx (InvalidParameterException, AccessDeniedException, ...): dropped and counted. */
  Permanent = 3,
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const UNAVAILABLE_NAMES = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'TooManyRequestsException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
]);

/** 4xx answers that a later attempt can get past: credentials refreshed, clock re-synced. */
const RETRYABLE_NAMES = new Set(['ExpiredTokenException', 'RequestExpired', 'RequestTimeTooSkewed']);

export function classify(err: unknown): Failure {
  const e = (err ?? {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : '';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'ResourceNotFoundException') return Failure.NotFound;
  if (UNAVAILABLE_NAMES.has(name)) return Failure.Unavailable;
  if (RETRYABLE_NAMES.has(name)) return Failure.Retryable;
  if (status === undefined) return Failure.Unavailable; // network error, credentials not resolvable yet, abort
  if (status === 429 || status === 502 || status === 503 || status === 504) return Failure.Unavailable;
  if (status >= 500) return Failure.Retryable;
  return Failure.Permanent;
}

/** A short description: `Name (HTTP status): message`. */
export function describe(err: unknown): string {
  const e = (err ?? {}) as SdkErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  const msg = typeof e.message === 'string' ? e.message : String(err);
  return `${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${msg.slice(0, 300)}`;
}

/** True for ResourceAlreadyExistsException (a create that raced another writer: fine). */
export function alreadyExists(err: unknown): boolean {
  return (err as SdkErrorShape | undefined)?.name === 'ResourceAlreadyExistsException';
}
