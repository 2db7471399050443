import { diagnose, showValue } from './diagnostics.js';

/** The environment as read: any object of optional strings. */
export type Env = Readonly<Record<string, string | undefined>>;

export const ERR_CONFIG_INVALID = 'MERIDIAN_ERR_CONFIG_INVALID';

/** Empty and whitespace-only values count as unset, as the OpenTelemetry specification asks. */
export function raw(env: Env, name: string): string | undefined {
  const v = env[name];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function invalid(name: string, value: string, accepted: string, fallback: string): void {
  diagnose(ERR_CONFIG_INVALID, `${name}=${showValue(value)} is not valid; accepted: ${accepted}; using ${fallback}`);
}

function describe(fallback: unknown): string {
  if (fallback === undefined) return 'no value';
  if (Array.isArray(fallback)) return fallback.length ? fallback.join(',') : 'none';
  return `the default (${String(fallback)})`;
}

/** One of a fixed set of words, case-insensitive. */
export function readEnum<T extends string>(env: Env, name: string, accepted: readonly T[], fallback: T): T;
export function readEnum<T extends string>(env: Env, name: string, accepted: readonly T[], fallback: T | undefined): T | undefined;
export function readEnum<T extends string>(env: Env, name: string, accepted: readonly T[], fallback: T | undefined): T | undefined {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const lower = v.toLowerCase();
  for (const a of accepted) if (a.toLowerCase() === lower) return a;
  invalid(name, v, accepted.join(' | '), describe(fallback));
  return fallback;
}

/** A whole number within [min, max]. */
export function readInt(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    invalid(name, v, `a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any' : max}`, describe(fallback));
    return fallback;
  }
  return n;
}

/** A number within [min, max] (decimals allowed). */
export function readNumber(env: Env, name: string, fallback: number | undefined, min: number, max: number): number | undefined {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    invalid(name, v, `a number from ${min} to ${max}`, describe(fallback));
    return fallback;
  }
  return n;
}

const TRUE = ['true', '1', 'on', 'yes'];
const FALSE = ['false', '0', 'off', 'no'];

/** A boolean: true/1/on/yes or false/0/off/no, case-insensitive. */
export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const lower = v.toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  invalid(name, v, 'true | false (also 1/0, on/off, yes/no)', describe(fallback));
  return fallback;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** Parse a byte size such as `100MB`, `512KiB`, `1g` or `4096`. Returns undefined when malformed. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export const SIZE_ACCEPTED = 'a byte size such as 1048576, 512KB, 100MB, 1GiB';

/** A byte size. */
export function readSize(env: Env, name: string, fallback: number, min = 1): number {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  const n = parseSize(v);
  if (n === undefined || n < min) {
    invalid(name, v, `${SIZE_ACCEPTED} (at least ${min} bytes)`, describe(fallback));
    return fallback;
  }
  return n;
}

/** A comma-separated list of words from `accepted`; unknown items are reported and skipped. */
export function readList<T extends string>(env: Env, name: string, accepted: readonly T[], fallback: readonly T[]): T[] {
  const v = raw(env, name);
  if (v === undefined) return [...fallback];
  const out: T[] = [];
  for (const part of v.split(',')) {
    const item = part.trim().toLowerCase();
    if (item === '') continue;
    const hit = accepted.find((a) => a.toLowerCase() === item);
    if (hit === undefined) {
      diagnose(ERR_CONFIG_INVALID, `${name} contains ${showValue(part.trim())}, which is not accepted; accepted: ${accepted.join(', ')}; ignoring that item`);
      continue;
    }
    if (!out.includes(hit)) out.push(hit);
  }
  if (out.length === 0) {
    invalid(name, v, `a comma-separated list of ${accepted.join(', ')}`, describe(fallback));
    return [...fallback];
  }
  return out;
}

/** A comma-separated list of free strings (trimmed, empties dropped). */
export function readStrings(env: Env, name: string): string[] {
  const v = raw(env, name);
  if (v === undefined) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function decode(name: string, part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    diagnose(ERR_CONFIG_INVALID, `${name} has a malformed percent-encoding in ${showValue(part)}; ignoring that entry`);
    return undefined;
  }
}

/**
 * `key1=value1,key2=value2` with percent-encoded values (W3C Baggage octets), as used by
 * OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_HEADERS. Malformed entries are reported and skipped.
 */
export function readKeyValues(env: Env, name: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const v = raw(env, name);
  if (v === undefined) return out;
  for (const part of v.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      diagnose(
        ERR_CONFIG_INVALID,
        `${name} entry ${showValue(part.trim())} is not key=value; accepted: comma-separated key=value pairs with percent-encoded values; ignoring that entry`,
      );
      continue;
    }
    const key = decode(name, part.slice(0, eq).trim());
    const value = decode(name, part.slice(eq + 1).trim());
    if (key === undefined || value === undefined || key === '') continue;
    out[key] = value;
  }
  return out;
}

/** An absolute http(s) URL, or the fallback. */
export function readUrl(env: Env, name: string, fallback: string | undefined): string | undefined {
  const v = raw(env, name);
  if (v === undefined) return fallback;
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return v;
  } catch {
    // fall through
  }
  invalid(name, v, 'an absolute http:// or https:// URL', fallback === undefined ? 'no value' : showValue(fallback));
  return fallback;
}
