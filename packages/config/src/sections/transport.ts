import type { Env } from '../internal/parsers.js';

/** Queue and delivery settings (MERIDIAN_QUEUE_*, MERIDIAN_BATCH_*, MERIDIAN_SPOOL_*, …). Filled in by the transport work (issue 5). */
export interface TransportConfig {
  placeholder?: never;
}

export function readTransport(_env: Env): TransportConfig {
  return {};
}
