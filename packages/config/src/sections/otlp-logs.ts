import type { Env } from '../internal/parsers.js';

/** Settings of the otlp-logs exporter. Filled in by the exporter work (issue 6). */
export interface OtlpLogsConfig {
  placeholder?: never;
}

export function readOtlpLogs(_env: Env): OtlpLogsConfig {
  return {};
}
