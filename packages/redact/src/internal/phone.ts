/**
 * Phone validation with libphonenumber-js metadata ("max": full number patterns, not just lengths).
 * We only validate candidates our own scanner found; libphonenumber's free-text finder is never used
 * (it flags timestamps and ids and can block for seconds on long inputs). A validation costs
 * ~20 µs (measured, Node 20, shared 2-core machine), so results are cached and each scan has a budget.
 */
import type { ScanContext } from './context.js';
import { WORK } from './work.js';
import { getCountries, getCountryCallingCode, isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';

const CALLING_CODES = new Set<string>();
for (const c of getCountries()) CALLING_CODES.add(getCountryCallingCode(c));

/** Whether `digits` (no '+') starts with an assigned country calling code (they are prefix-free). */
export function hasCallingCode(digits: string): boolean {
  return CALLING_CODES.has(digits.slice(0, 1)) || CALLING_CODES.has(digits.slice(0, 2)) || CALLING_CODES.has(digits.slice(0, 3));
}

const CACHE_MAX = 4096;
/** Steps counted per validation (see work.ts), whether the cache answers or libphonenumber does. */
const VALIDATION_STEPS = 64;
const cache = new Map<string, boolean>();

/**
 * Cached validation under the scan's budget. When the budget is spent (an adversarial string full
 * of phone-shaped candidates), the candidate is accepted unvalidated: masking is the safe side.
 */
function check(ctx: ScanContext, key: string, text: string, country: CountryCode | undefined): boolean {
  // a validation (cached or not) is bounded work: candidates have at most 17 digits
  WORK[0]! += VALIDATION_STEPS;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (ctx.phoneBudget <= 0) {
    ctx.phoneBudgetExceeded++;
    return true;
  }
  ctx.phoneBudget--;
  let ok = false;
  try {
    ok = country === undefined ? isValidPhoneNumber(text) : isValidPhoneNumber(text, country);
  } catch {
    ok = false;
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, ok);
  return ok;
}

/** `text` is the candidate as written, starting with '+'; `digits` its digits. */
export function validInternational(ctx: ScanContext, text: string, digits: string): boolean {
  return check(ctx, text.includes('(0)') ? '+0' + digits : '+' + digits, text, undefined);
}

/** `digits` as dialled nationally (with its trunk 0 where the country has one). */
export function validNational(ctx: ScanContext, digits: string, country: CountryCode): boolean {
  return check(ctx, country + digits, digits, country);
}
