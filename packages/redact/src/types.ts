import type { MeridianConfig, RedactMode, RedactType } from '@meridian/config';

export type { RedactMode, RedactType };

/** One sensitive span found in a string: `text.slice(start, end)` is what gets replaced. */
export interface Finding {
  /** A built-in type (see REDACT_TYPES) or the type of a custom detector. */
  type: string;
  start: number;
  end: number;
}

/**
 * A detector added in code. Either `pattern` (a RegExp; bounded, literal-anchored patterns only:
 * it runs on every string) with an optional `validate` on the matched text, or `scan`, which
 * returns the spans itself. Custom detectors are never skipped by the prefilter.
 */
export interface CustomDetector {
  type: string;
  pattern?: RegExp;
  validate?: (match: string) => boolean;
  scan?: (text: string) => ReadonlyArray<{ start: number; end: number }>;
}

export interface RedactorOptions {
  /** Default: the parsed environment (MERIDIAN_REDACT). */
  enabled?: boolean;
  /** Default: MERIDIAN_REDACT_MODE, else `mask`. */
  mode?: RedactMode;
  /** HMAC key for `hash` mode (≥ 16 characters). Default: MERIDIAN_REDACT_HASH_KEY. */
  hashKey?: string;
  /** Types switched off, added to MERIDIAN_REDACT_DISABLE. */
  disable?: readonly string[];
  /** Extra sensitive field names (normalised like the built-in ones), added to MERIDIAN_REDACT_KEYS. */
  extraKeys?: readonly string[];
  /** Extra detectors, run after the built-in ones. */
  detectors?: readonly CustomDetector[];
  /** Objects nested deeper than this are replaced by "[Truncated]" (default 64). */
  maxDepth?: number;
  /** The resolved configuration to start from (its `redact` section); default `getConfig()`. Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
}

export interface RedactorStats {
  /** Strings that went through the detectors. */
  strings: number;
  /** Findings replaced. */
  findings: number;
  /** Internal failures; the affected value was replaced by "[REDACTED:error]". */
  failures: number;
  /** Phone candidates accepted without libphonenumber validation because the per-string budget ran out. */
  phoneBudgetExceeded: number;
}

export interface Redactor {
  /** Strings come back redacted; objects and arrays as redacted deep copies; other values unchanged. Never throws. */
  redact<T>(value: T): T;
  /** The findings in `text`, sorted and non-overlapping. */
  scan(text: string): Finding[];
  /** Whether values under this field name are masked whatever they contain. */
  isSensitiveKey(key: string): boolean;
  readonly enabled: boolean;
  readonly mode: RedactMode;
  readonly stats: Readonly<RedactorStats>;
}
