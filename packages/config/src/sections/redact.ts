import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readBool, readEnum, readList, readStrings } from '../internal/parsers.js';

/** How a finding is replaced: `[REDACTED:<type>]`, a partial view, or a keyed HMAC pseudonym. */
export const REDACT_MODES = ['mask', 'partial', 'hash'] as const;
export type RedactMode = (typeof REDACT_MODES)[number];

/** Every finding type @meridian/redact knows; MERIDIAN_REDACT_DISABLE accepts these. */
export const REDACT_TYPES = [
  'card',
  'phone',
  'email',
  'ipv4',
  'ipv6',
  'iban',
  'ssn',
  'nino',
  'cn_id',
  'hkid',
  'nric',
  'aws_key',
  'jwt',
  'authorization',
  'private_key',
  'github_token',
  'stripe_key',
  'slack_token',
  'url_credentials',
  'secret',
] as const;
export type RedactType = (typeof REDACT_TYPES)[number];

/** The shortest MERIDIAN_REDACT_HASH_KEY accepted: shorter keys make pseudonyms of phone numbers brute-forceable. */
export const REDACT_HASH_KEY_MIN = 16;

/** Redaction settings (MERIDIAN_REDACT*). */
export interface RedactConfig {
  /** MERIDIAN_REDACT (default on). `off` is refused when NODE_ENV=production. */
  enabled: boolean;
  /** MERIDIAN_REDACT_MODE: mask (default) | partial | hash. `hash` without a usable key falls back to mask. */
  mode: RedactMode;
  /** MERIDIAN_REDACT_HASH_KEY: HMAC key for `hash` mode (at least 16 characters). */
  hashKey: string | undefined;
  /** MERIDIAN_REDACT_DISABLE: finding types switched off (e.g. ipv4,ipv6). */
  disabledTypes: RedactType[];
  /** MERIDIAN_REDACT_KEYS: extra sensitive field names, comma-separated. */
  extraKeys: string[];
}

export function readRedact(env: Env): RedactConfig {
  let enabled = readBool(env, 'MERIDIAN_REDACT', true);
  if (!enabled && raw(env, 'NODE_ENV') === 'production') {
    diagnose(ERR_CONFIG_INVALID, 'MERIDIAN_REDACT=off is refused when NODE_ENV=production; accepted there: on; redaction stays on');
    enabled = true;
  }

  const hashKeyRaw = raw(env, 'MERIDIAN_REDACT_HASH_KEY');
  let hashKey: string | undefined;
  if (hashKeyRaw !== undefined) {
    if (hashKeyRaw.length < REDACT_HASH_KEY_MIN) {
      // The key itself is a secret: never echo it in a diagnostic.
      diagnose(
        ERR_CONFIG_INVALID,
        `MERIDIAN_REDACT_HASH_KEY is too short (${hashKeyRaw.length} characters); accepted: a secret of at least ${REDACT_HASH_KEY_MIN} characters; ignoring it`,
      );
    } else {
      hashKey = hashKeyRaw;
    }
  }

  let mode = readEnum(env, 'MERIDIAN_REDACT_MODE', REDACT_MODES, 'mask');
  if (mode === 'hash' && hashKey === undefined) {
    diagnose(
      ERR_CONFIG_INVALID,
      `MERIDIAN_REDACT_MODE=hash needs MERIDIAN_REDACT_HASH_KEY (a secret of at least ${REDACT_HASH_KEY_MIN} characters); unkeyed hashing is refused; using mask`,
    );
    mode = 'mask';
  }

  const disabledRaw = raw(env, 'MERIDIAN_REDACT_DISABLE');
  const disabledTypes = disabledRaw === undefined || disabledRaw.toLowerCase() === 'none' ? [] : readList(env, 'MERIDIAN_REDACT_DISABLE', REDACT_TYPES, []);

  const extraKeys = readStrings(env, 'MERIDIAN_REDACT_KEYS');
  for (const k of extraKeys) {
    if (k.length > 128)
      diagnose(ERR_CONFIG_INVALID, `MERIDIAN_REDACT_KEYS entry ${showValue(k)} is longer than 128 characters; accepted: field names; it will never match`);
  }

  return { enabled, mode, hashKey, disabledTypes, extraKeys };
}
