/**
 * @meridian/redact — personal data and secrets masked inside the service, in strings (messages,
 * error stacks, span names) and in structured data at any depth, before anything is written.
 */
export { createRedactor, ERR_REDACT_FAILED, ERR_REDACT_OPTION, FAILED_MASK } from './redactor.js';
export { toLoggerHook } from './logger-hook.js';
export type { LoggerRedactionHook } from './logger-hook.js';
export { redactQueryString, redactSpanAttributes, redactUrl } from './span-attributes.js';
export { normalizeKey } from './internal/keys.js';
export type { CustomDetector, Finding, RedactMode, Redactor, RedactorOptions, RedactorStats, RedactType } from './types.js';
export { REDACT_MODES, REDACT_TYPES } from '@meridian/config';
