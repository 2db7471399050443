/**
 * The redaction seam is @meridian/redact's (`LoggerRedactionHook`, defined once there); the logger only
 * calls it. When no hook is configured, the serialiser skips these calls entirely.
 */
export type { LoggerRedactionHook as RedactionHook } from '@meridian/redact';

export const REDACTED = '"[REDACTED]"';
