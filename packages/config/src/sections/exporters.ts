import { type Env, readBool, readStrings } from '../internal/parsers.js';

/** Guards shared by every network exporter (TLS and data residency). */
export interface ExportGuardsConfig {
  /**
   * `MERIDIAN_ALLOWED_REGIONS`: region patterns (`eu-*`, `ap-east-1`, `*`); empty = no restriction.
   * An exporter whose destination region matches none of them refuses to start.
   */
  allowedRegions: string[];
  /** `MERIDIAN_ALLOW_INSECURE`: allow plain-text (http://, tcp://) endpoints that are not loopback. */
  allowInsecure: boolean;
}

export function readExportGuards(env: Env): ExportGuardsConfig {
  return {
    allowedRegions: readStrings(env, 'MERIDIAN_ALLOWED_REGIONS').map((r) => r.toLowerCase()),
    allowInsecure: readBool(env, 'MERIDIAN_ALLOW_INSECURE', false),
  };
}
