/**
 * Symbol keys shared with winston/logform (triple-beam registers them with Symbol.for, so these
 * are the very same symbols) and Meridian's own marker.
 */
export const LEVEL = Symbol.for('level');
export const MESSAGE = Symbol.for('message');
export const SPLAT = Symbol.for('splat');

/**
 * Set by meridianFormat on the `info` it returns: what the format captured at the call site. A
 * Symbol.for key so two copies of this package agree; symbol keys are skipped by JSON, so it never
 * shows up in output.
 */
export const MERIDIAN = Symbol.for('meridian.winston.format');

/** The value stored under MERIDIAN. Fixed shape. */
export interface FormatState {
  /** The OpenTelemetry context active when the record was logged (trace ids, request context). */
  readonly context: import('@opentelemetry/api').Context;
  /** Message, splat and fields went through a redactor (true), or redaction was off (false). */
  readonly redacted: boolean;
  /** The request-context fields the format wrote (redacted copy), so the transport can tell them from metadata. */
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

/** Field written when the format failed internally and passed `info` through unchanged otherwise. */
export const FORMAT_ERROR_FIELD = 'meridian_format_error';
export const ERR_WINSTON_FORMAT = 'MERIDIAN_ERR_WINSTON_FORMAT';
export const ERR_WINSTON_OPTION = 'MERIDIAN_ERR_WINSTON_OPTION';
export const ERR_WINSTON_DUPLICATE_EXPORT = 'MERIDIAN_ERR_WINSTON_DUPLICATE_EXPORT';
export const ERR_WINSTON_CLOSE_TIMEOUT = 'MERIDIAN_ERR_WINSTON_CLOSE_TIMEOUT';
