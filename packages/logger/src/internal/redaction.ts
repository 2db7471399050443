/**
 * The redaction seam. `@meridian/redact` provides an implementation; the logger only calls it.
 * When no hook is configured, the serialiser skips these calls entirely.
 */
export interface RedactionHook {
  /** Return `s` with sensitive substrings masked. Called on the message, every string value, error messages and stacks. */
  redactString(s: string): string;
  /** True when the value under `key` must not be written at all; it becomes "[REDACTED]". */
  isSensitiveKey(key: string): boolean;
}

export const REDACTED = '"[REDACTED]"';
