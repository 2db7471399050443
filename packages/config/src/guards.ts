/**
 * Guards every network exporter applies before it starts: TLS for non-loopback endpoints, and
 * data residency (`MERIDIAN_ALLOWED_REGIONS`). They return an error to throw or report, never throw.
 */
import { isIP } from 'node:net';
import type { ExportGuardsConfig } from './sections/exporters.js';

export const ERR_INSECURE_ENDPOINT = 'MERIDIAN_ERR_INSECURE_ENDPOINT';
export const ERR_REGION_NOT_ALLOWED = 'MERIDIAN_ERR_REGION_NOT_ALLOWED';
export const ERR_REGION_UNKNOWN = 'MERIDIAN_ERR_REGION_UNKNOWN';

/** An error users can act on: a stable code, what was wrong, what is accepted. */
export class MeridianError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'MeridianError';
    this.code = code;
  }
}

/** True for `localhost`, `*.localhost`, 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

const SECURE_SCHEMES = new Set(['https:', 'tls:', 'ssl:']);
const PLAIN_SCHEMES = new Set(['http:', 'tcp:']);

/**
 * Check an endpoint URL: TLS schemes pass (the exporter must then require TLS ≥ 1.2);
 * plain-text schemes pass only for loopback hosts or when `allowInsecure` is set.
 */
export function checkEndpointSecurity(exporter: string, endpoint: string, guards: Pick<ExportGuardsConfig, 'allowInsecure'>): MeridianError | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return new MeridianError(
      ERR_INSECURE_ENDPOINT,
      `${exporter}: endpoint ${JSON.stringify(endpoint)} is not a valid URL; accepted: https://, tls://, or loopback http:// / tcp://`,
    );
  }
  if (SECURE_SCHEMES.has(url.protocol)) return undefined;
  if (!PLAIN_SCHEMES.has(url.protocol)) {
    return new MeridianError(ERR_INSECURE_ENDPOINT, `${exporter}: endpoint scheme ${url.protocol} is not supported; accepted: https:, tls:, http:, tcp:`);
  }
  if (isLoopbackHost(url.hostname) || guards.allowInsecure) return undefined;
  return new MeridianError(
    ERR_INSECURE_ENDPOINT,
    `${exporter}: refusing plain-text endpoint ${url.protocol}//${url.host}; ` +
      'accepted: an https:// or tls:// endpoint (TLS ≥ 1.2), a loopback address, or MERIDIAN_ALLOW_INSECURE=true',
  );
}

/** Does `region` match one pattern (`*` matches any run of characters)? Case-insensitive. */
export function regionMatches(region: string, pattern: string): boolean {
  const r = region.toLowerCase();
  const parts = pattern.toLowerCase().split('*');
  if (parts.length === 1) return r === parts[0];
  if (!r.startsWith(parts[0]!) || !r.endsWith(parts[parts.length - 1]!)) return false;
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = r.indexOf(parts[i]!, at);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  return at <= r.length - parts[parts.length - 1]!.length;
}

/**
 * Data residency: with `MERIDIAN_ALLOWED_REGIONS` set, the destination's region must be known and
 * match one pattern. Without it, anything goes.
 */
export function checkRegion(exporter: string, region: string | undefined, guards: Pick<ExportGuardsConfig, 'allowedRegions'>): MeridianError | undefined {
  const allowed = guards.allowedRegions;
  if (allowed.length === 0) return undefined;
  if (region === undefined || region.trim() === '') {
    return new MeridianError(
      ERR_REGION_UNKNOWN,
      `${exporter}: MERIDIAN_ALLOWED_REGIONS is set (${allowed.join(',')}) but the destination's region is unknown; ` +
        "accepted: declare the region of the endpoint (see the exporter's README) so residency can be checked",
    );
  }
  if (allowed.some((p) => regionMatches(region, p))) return undefined;
  return new MeridianError(
    ERR_REGION_NOT_ALLOWED,
    `${exporter}: destination region ${region} is outside MERIDIAN_ALLOWED_REGIONS (${allowed.join(',')}); refusing to start`,
  );
}
