import type { Redactor } from './types.js';

/** The redaction seam @meridian/logger calls: message strings, and a test for field names. */
export interface LoggerRedactionHook {
  redactString(s: string): string;
  isSensitiveKey(key: string): boolean;
}

/** Adapt a redactor to the logger's seam. The functions are bound once, not per call. */
export function toLoggerHook(redactor: Redactor): LoggerRedactionHook {
  return {
    redactString: (s: string): string => redactor.redact(s),
    isSensitiveKey: (key: string): boolean => redactor.isSensitiveKey(key),
  };
}
