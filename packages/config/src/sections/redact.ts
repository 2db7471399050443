import type { Env } from '../internal/parsers.js';

/** Redaction settings (MERIDIAN_REDACT*). Filled in by the redaction work (issue 4). */
export interface RedactConfig {
  enabled: boolean;
}

export function readRedact(_env: Env): RedactConfig {
  return { enabled: true };
}
