/**
 * Numeric detectors working on the clusters found by the prefilter: payment cards, phone numbers
 * (international and national), US SSNs and China resident identity numbers. A cluster is split
 * into digit groups; every window of consecutive groups (at most 19 digits) is checked for shape,
 * then validated in code (Luhn + brand, SSN area rules, MOD 11-2, libphonenumber metadata).
 * Work per cluster is O(groups × 19): linear in the input.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { cardBrand, cnIdValid, luhn, ssnValid } from './checksums.js';
import { isDigitCode, leftFree, push, rightFree, type ScanContext } from './context.js';
import { hasCallingCode, validInternational, validNational } from './phone.js';
import { WORK } from './work.js';

/**
 * Group boundaries of the current cluster segment; module-level and reused (scan is synchronous).
 * Long clusters ("1 1 1 1 …") are processed in segments of SEGMENT groups: fixed memory, and
 * measured 1 MB inputs stopped paying for growing arrays and GC (9 ms → 136 ms for 100 KB → 1 MB before).
 */
const SEGMENT = 1024;
const gs = new Int32Array(SEGMENT);
const ge = new Int32Array(SEGMENT);

/** No national format or card grouping has more than 5 groups (FR 0x xx xx xx xx, 4-4-4-4-3). */
const MAX_WINDOW_GROUPS = 5;
/** International numbers as written: "+CC" and up to 7 more groups. */
const MAX_INTL_GROUPS = 8;

const SG_HK: CountryCode[] = ['SG', 'HK'];
const CN: CountryCode[] = ['CN'];
const US: CountryCode[] = ['US'];
const IN: CountryCode[] = ['IN'];
const FR: CountryCode[] = ['FR'];
const TRUNK_ZERO: CountryCode[] = ['GB', 'DE', 'JP', 'AU', 'FR', 'IN'];

/** The digits of groups a..e. Built only for windows long enough to be anything (measured: building it
 * for every window made ISO timestamps, the most common numeric cluster in logs, cost ~3× more). */
function digitsOf(s: string, a: number, e: number): string {
  let d = s.slice(gs[a], ge[a]);
  for (let k = a + 1; k <= e; k++) d += s.slice(gs[k], ge[k]);
  return d;
}

function sep(s: string, k: number): string {
  return s.slice(ge[k], gs[k + 1]);
}

/** All separators of groups a..e are equal and one of `allowed`. */
function uniformSep(s: string, a: number, e: number, allowed: string): boolean {
  if (e === a) return true;
  const first = sep(s, a);
  if (first.length !== 1 || !allowed.includes(first)) return false;
  for (let k = a + 1; k < e; k++) if (sep(s, k) !== first) return false;
  return true;
}

function isCardShape(s: string, a: number, e: number, nd: number): boolean {
  if (nd < 13 || nd > 19) return false;
  const ng = e - a + 1;
  if (ng === 1) return true;
  if (!uniformSep(s, a, e, ' -')) return false;
  const len = (k: number): number => ge[k]! - gs[k]!;
  if (len(a) !== 4) return false;
  if (ng === 3 && len(a + 1) === 6 && (len(e) === 5 || len(e) === 4)) return true; // Amex 4-6-5, Diners 4-6-4
  for (let k = a + 1; k < e; k++) if (len(k) !== 4) return false;
  return len(e) >= 1 && len(e) <= 4;
}

/** A 4-digit group a-1 or e+1 of the cluster (of `groups` groups) is joined to the window by the window's own separator. */
function sameGroupingAround(s: string, a: number, e: number, groups: number): boolean {
  const own = sep(s, a);
  return (a > 0 && ge[a - 1]! - gs[a - 1]! === 4 && sep(s, a - 1) === own) || (e + 1 < groups && ge[e + 1]! - gs[e + 1]! === 4 && sep(s, e) === own);
}

/** The end of a URL path segment at `i`: the end, '/', '?', '#', a delimiter, or a file extension ("….json"). */
function segmentEnd(s: string, i: number): boolean {
  if (rightFree(s, i)) return true;
  const c = s.charCodeAt(i);
  const next = s.charCodeAt(i + 1) | 32;
  return c === 47 || (c === 46 && next >= 97 && next <= 122);
}

/** Countries whose national format this window has, or undefined. Rules are documented in the README. */
function nationalShape(s: string, a: number, e: number, groups: number, d: string, paren: boolean): CountryCode[] | undefined {
  const ng = e - a + 1;
  const nd = d.length;
  const len = (k: number): number => ge[k]! - gs[k]!;
  const c0 = d.charCodeAt(0);
  if (nd === 11 && c0 === 49 && d.charCodeAt(1) >= 51) {
    // China mobile 1[3-9]x xxxx xxxx: ungrouped or 3-4-4
    if (ng === 1 && !paren) return CN;
    if (ng === 3 && len(a) === 3 && len(a + 1) === 4 && uniformSep(s, a, e, ' -')) return CN;
    return undefined;
  }
  if (ng < 2) return undefined;
  if (nd === 9 && ng === 2 && len(a) === 5 && sep(s, a) === '-') return undefined; // US ZIP+4 "04916-7254", not a phone
  if (c0 === 48 /* 0: trunk prefix */) {
    if (nd < 9 || nd > 12 || len(a) < 2 || len(a) > 5) return undefined;
    let all2 = true;
    for (let k = a; k <= e; k++) {
      if (len(k) > 8) return undefined;
      if (len(k) !== 2) all2 = false;
    }
    for (let k = a; k < e; k++) {
      const p = sep(s, k);
      if (p === '.' ? !all2 : p !== ' ' && p !== '-' && p !== '/' && p !== ') ' && p !== ')') return undefined;
      if ((p === ') ' || p === ')') && !(paren && k === a)) return undefined;
    }
    return all2 && ng === 5 ? FR : TRUNK_ZERO;
  }
  if (nd === 10 && ng === 3 && len(a) === 3 && len(a + 1) === 3 && c0 >= 50 && d.charCodeAt(3) >= 50) {
    // US/NANP (415) 555-2671, 415-555-2671, 415.555.2671, 415 555 2671
    if (paren) {
      const p0 = sep(s, a);
      const p1 = sep(s, a + 1);
      return (p0 === ') ' || p0 === ')') && (p1 === '-' || p1 === ' ') ? US : undefined;
    }
    return uniformSep(s, a, e, '-. ') ? US : undefined;
  }
  if (paren) return undefined;
  // "9123 4567", but not two inner groups of a longer grouped number ("GB82 WEST 1234 5698 7654 33", "1234 5678 9012")
  if (nd === 8 && ng === 2 && len(a) === 4 && uniformSep(s, a, e, ' -') && !sameGroupingAround(s, a, e, groups)) return SG_HK;
  if (nd === 10 && ng === 2 && len(a) === 5 && c0 >= 54 && uniformSep(s, a, e, ' -')) return IN;
  return undefined;
}

function anyValid(ctx: ScanContext, d: string, countries: CountryCode[]): boolean {
  for (const c of countries) if (validNational(ctx, d, c)) return true;
  return false;
}

/** International number starting at the '+' in `start`; returns the first group index after it. */
function international(ctx: ScanContext, start: number, ng: number): number {
  const s = ctx.s;
  if (!leftFree(s, start)) return 0;
  let d = '';
  let last = -1;
  const digitsAt: string[] = [];
  for (let e = 0; e < ng && e < MAX_INTL_GROUPS; e++) {
    d += s.slice(gs[e], ge[e]);
    WORK[0]! += d.length;
    if (d.length > 17) break;
    digitsAt.push(d);
    last = e;
  }
  if (last < 0 || !hasCallingCode(digitsAt[last]!)) return 0;
  for (let e = last; e >= 0; e--) {
    const dd = digitsAt[e]!;
    if (dd.length < 7) break;
    const end = ge[e]!;
    if (!rightFree(s, end)) continue;
    if (validInternational(ctx, s.slice(start, end), dd)) {
      push(ctx, 'phone', start, end);
      return e + 1;
    }
  }
  return 0;
}

export function detectNumeric(ctx: ScanContext, start: number, end: number): void {
  const s = ctx.s;
  let from = start;
  let first = true;
  for (;;) {
    let ng = 0;
    let i = from;
    const i0 = i;
    while (i < end && ng < SEGMENT) {
      if (isDigitCode(s.charCodeAt(i))) {
        let j = i + 1;
        while (j < end && isDigitCode(s.charCodeAt(j))) j++;
        gs[ng] = i;
        ge[ng] = j;
        ng++;
        i = j;
      } else {
        i++;
      }
    }
    WORK[0]! += i - i0;
    const more = i < end;
    // Windows may reach MAX_INTL_GROUPS ahead: start groups closer to the segment end wait for the next one.
    const limit = more ? ng - MAX_INTL_GROUPS : ng;
    const next = windows(ctx, first ? start : -1, ng, limit);
    if (!more) return;
    from = next < ng ? gs[next]! : i;
    first = false;
  }
}

/** Checks windows starting at groups [0, limit); returns the first group index not consumed. */
function windows(ctx: ScanContext, clusterStart: number, ng: number, limit: number): number {
  const s = ctx.s;
  const on = ctx.on;
  let a = 0;
  if (clusterStart >= 0 && s.charCodeAt(clusterStart) === 43 /* + */) {
    a = on.phone ? international(ctx, clusterStart, ng) : 0;
    if (a === 0) a = 1; // a failed '+' number is not read nationally
  }
  for (; a < limit; a++) {
    // "(020) 7946 0958": an area code in parentheses; "(4111 1111 …)" is just a bracketed value
    const paren = s.charCodeAt(gs[a]! - 1) === 40 && a + 1 < ng && s.charCodeAt(ge[a]!) === 41;
    const ws = paren ? gs[a]! - 1 : gs[a]!;
    // "/quotes/4111111111111111": a whole URL path segment is read as a card (only as a card: ids in
    // paths are common, and a card number is personal data wherever it appears)
    const pathSegment = !leftFree(s, ws);
    if (pathSegment && (paren || s.charCodeAt(ws - 1) !== 47 || !on.card)) continue;
    let nd = 0;
    let bestEnd = -1;
    let bestType = '';
    let bestGroup = -1;
    let phoneCand = -1;
    let phoneDigits = '';
    let phoneCountries: CountryCode[] | undefined;
    const lastGroup = Math.min(ng, a + MAX_WINDOW_GROUPS);
    for (let e = a; e < lastGroup; e++) {
      nd += ge[e]! - gs[e]!;
      WORK[0]! += ge[e]! - gs[e]! + 1;
      if (nd > 19) break;
      if (nd < 8) continue; // shorter than any card, phone, SSN or id
      const we = ge[e]!;
      if (pathSegment) {
        if (nd >= 13 && segmentEnd(s, we) && isCardShape(s, a, e, nd)) {
          const d = digitsOf(s, a, e);
          WORK[0]! += nd;
          if (cardBrand(d) !== undefined && luhn(d)) {
            bestEnd = we;
            bestType = 'card';
            bestGroup = e;
          }
        }
        continue;
      }
      const d = digitsOf(s, a, e);
      WORK[0]! += nd;
      // China resident identity number: 18 digits, or 17 + X
      if (on.cn_id && e === a && !paren && (nd === 18 || nd === 17)) {
        const x = s.charCodeAt(we);
        if (nd === 18 && rightFree(s, we) && cnIdValid(d, ctx.maxYear)) {
          bestEnd = we;
          bestType = 'cn_id';
          bestGroup = e;
        } else if (nd === 17 && (x === 88 || x === 120) && rightFree(s, we + 1) && cnIdValid(d + 'X', ctx.maxYear)) {
          bestEnd = we + 1;
          bestType = 'cn_id';
          bestGroup = e;
        }
      }
      if (!rightFree(s, we)) continue;
      if (on.card && !paren && isCardShape(s, a, e, nd) && cardBrand(d) !== undefined && luhn(d)) {
        if (we > bestEnd) {
          bestEnd = we;
          bestType = 'card';
          bestGroup = e;
        }
      } else if (
        on.ssn &&
        !paren &&
        nd === 9 &&
        e === a + 2 &&
        ge[a]! - gs[a]! === 3 &&
        ge[a + 1]! - gs[a + 1]! === 2 &&
        uniformSep(s, a, e, '- ') &&
        ssnValid(d.slice(0, 3), d.slice(3, 5), d.slice(5))
      ) {
        if (we > bestEnd) {
          bestEnd = we;
          bestType = 'ssn';
          bestGroup = e;
        }
      } else if (on.phone && nd <= 12) {
        const countries = nationalShape(s, a, e, ng, d, paren);
        if (countries !== undefined) {
          phoneCand = e;
          phoneDigits = d;
          phoneCountries = countries;
        }
      }
    }
    // Phones last: only the longest phone-shaped window costs a libphonenumber validation.
    if (phoneCountries !== undefined && ge[phoneCand]! > bestEnd && anyValid(ctx, phoneDigits, phoneCountries)) {
      bestEnd = ge[phoneCand]!;
      bestType = 'phone';
      bestGroup = phoneCand;
    }
    if (bestEnd >= 0) {
      push(ctx, bestType, ws, bestEnd);
      a = bestGroup;
    }
  }
  return Math.max(a, limit);
}
