import type { Env } from '../internal/parsers.js';

/** Settings of the elk exporter. Filled in by the exporter work (issue 6). */
export interface ElkConfig {
  placeholder?: never;
}

export function readElk(_env: Env): ElkConfig {
  return {};
}
