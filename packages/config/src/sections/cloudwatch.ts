import type { Env } from '../internal/parsers.js';

/** Settings of the cloudwatch exporter. Filled in by the exporter work (issue 6). */
export interface CloudwatchConfig {
  placeholder?: never;
}

export function readCloudwatch(_env: Env): CloudwatchConfig {
  return {};
}
