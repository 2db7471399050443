/**
 * The redaction choice shared by meridianFormat and MeridianTransport: a given redactor, else one
 * built from the environment (MERIDIAN_REDACT*, through @meridian/config), unless `redact: false`,
 * which — like MERIDIAN_REDACT=off — is refused when NODE_ENV=production.
 */
import { diagnose, getConfig, type MeridianConfig } from '@meridian/config';
import { createRedactor, type Redactor } from '@meridian/redact';
import { ERR_WINSTON_OPTION } from './symbols.js';

export interface RedactionOptions {
  /** Resolved configuration; default `getConfig()` (the environment, parsed once). Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** A redactor to use (build it once with createRedactor and share it). */
  redactor?: Redactor;
  /** `false` switches redaction off (refused when NODE_ENV=production). Default: MERIDIAN_REDACT (on). */
  redact?: boolean;
}

/** The redactor to apply, or undefined for none. Never throws. */
export function resolveRedactor(o: RedactionOptions, who: string): Redactor | undefined {
  const config = o.config ?? getConfig();
  let enabled = config.redact.enabled;
  if (o.redact === false) {
    if (config.service.nodeEnv === 'production') {
      diagnose(ERR_WINSTON_OPTION, `${who} option redact=false is refused when NODE_ENV=production; accepted there: true; redaction stays on`);
      enabled = true;
    } else {
      enabled = false;
    }
  } else if (o.redact === true) {
    enabled = true;
  } else if (o.redact !== undefined) {
    diagnose(ERR_WINSTON_OPTION, `${who} option redact=${typeof o.redact} is not valid; accepted: true | false; redaction stays on`);
    enabled = true;
  }
  if (!enabled) return undefined;
  const r = o.redactor;
  if (r !== undefined) {
    if (r !== null && typeof r === 'object' && typeof r.redact === 'function' && typeof r.isSensitiveKey === 'function') {
      return r.enabled === false ? undefined : r;
    }
    diagnose(
      ERR_WINSTON_OPTION,
      `${who} option redactor is not a redactor; accepted: createRedactor() of @meridian/redact; using one built from the environment`,
    );
  }
  try {
    // An explicit `redact: true` wins over MERIDIAN_REDACT=off, like every code option.
    const built = createRedactor(o.redact === true ? { enabled: true, config } : { config });
    return built.enabled ? built : undefined;
  } catch {
    // createRedactor promises not to throw; if it ever does, the safest choice: write no value at all.
    diagnose(ERR_WINSTON_OPTION, `${who} could not build a redactor; every value is written as "[REDACTED]"`);
    return REDACT_EVERYTHING;
  }
}

const REDACT_EVERYTHING: Redactor = {
  redact: <T>(value: T): T => (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' ? value : ('[REDACTED]' as T)),
  scan: () => [],
  isSensitiveKey: () => true,
  enabled: true,
  mode: 'mask',
  stats: { strings: 0, findings: 0, failures: 0, phoneBudgetExceeded: 0 },
};
