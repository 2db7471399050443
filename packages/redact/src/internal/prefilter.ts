/**
 * One pass over the char codes of a string deciding which detector families can apply, and
 * collecting the numeric clusters (digits joined by at most two of ` -./()`) that the numeric
 * detectors examine. Most log lines set no flag and are returned untouched without running a
 * single regular expression. Linear: constant work per character.
 */
import { WORK } from './work.js';

export const F_NUM = 1; // a numeric cluster with ≥ 7 digits (cards, phones, SSN, CN id)
export const F_AT = 2; // '@' (e-mail)
export const F_KV = 4; // '=' or ':' after a letter (key=value, JSON-in-string, headers)
export const F_URL = 8; // "://" (credentials in URLs)
export const F_SECRET = 16; // a word starting like AKIA/ASIA…, gh…, sk_/rk_, xox…, eyJ
export const F_PEM = 32; // "-----"
export const F_IPV4 = 64; // a cluster with ≥ 3 dots
export const F_IPV6 = 128; // "::" or ≥ 7 colons in the string
export const F_ID = 256; // uppercase letter right before ≥ 6 digits (NINO, HKID, NRIC)
export const F_IBAN = 512; // two uppercase letters right before two digits
export const F_AUTH = 1024; // a word starting "Bea"/"Bas" (Bearer/Basic credentials)
export const F_BRACKET = 2048; // '[' (possible mask token from an earlier pass)
export const F_FLAG = 8192; // "--" before a letter (a CLI flag: --password s3cr3t)
export const F_ESC = 4096; // an escape to decode: %HH, \n \t \x22 \u0022 …, a form '+' next to a digit

/** Digits of the shortest E.164 numbers (with '+'); other clusters need one more (SG/HK 8-digit numbers). */
const MIN_CLUSTER_DIGITS = 7;

export interface Prefiltered {
  flags: number;
  /** Triples: cluster start (incl. a leading '+' or '('), end (after the last digit), digit count. */
  clusters: number[];
  /** Used length of `clusters` (reset per call without truncating the array: `length = 0` measured ~6 % of a record). */
  count: number;
}

// Character classes of ASCII codes; one table lookup per character keeps the loop branch-light.
const C_DIGIT = 1;
const C_SEP = 2; // joins digit groups: space - . / ( )
const C_WORD = 4; // A-Z a-z 0-9 _
const C_SPECIAL = 8; // @ = : [ - +
const C_START = 16; // first letters of secret prefixes and auth schemes: A g s r x e B b
const C_ESC = 32; // % \\ +
const CLS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLS[c] = C_DIGIT | C_WORD;
for (let c = 65; c <= 90; c++) CLS[c] = C_WORD;
for (let c = 97; c <= 122; c++) CLS[c] = C_WORD;
CLS[95] = C_WORD;
for (const ch of ' -./()') CLS[ch.charCodeAt(0)]! |= C_SEP;
for (const ch of '@=:[-+') CLS[ch.charCodeAt(0)]! |= C_SPECIAL;
for (const ch of 'AgsrxeBb') CLS[ch.charCodeAt(0)]! |= C_START;
for (const ch of '%\\+') CLS[ch.charCodeAt(0)]! |= C_ESC;

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The digits before the '+' at `i` end a time of day ("10:15:30+01:00", "10:15:30.123+0000"): an offset, not a form space. */
function timeBefore(s: string, i: number): boolean {
  let p = i - 1;
  const lim = Math.max(0, i - 12);
  while (p > lim && isDigitCode(s.charCodeAt(p))) p--;
  if (s.charCodeAt(p) === 46 /* . */) {
    p--;
    while (p > lim && isDigitCode(s.charCodeAt(p))) p--;
  }
  return s.charCodeAt(p) === 58; /* : */
}

/** F_ESC if an escape the decoded view would decode starts at `i` ('%', '\\' or '+'), else 0. */
function escapeAt(s: string, i: number, c: number): number {
  const d = s.charCodeAt(i + 1);
  if (c === 37) return isHexCode(d) && isHexCode(s.charCodeAt(i + 2)) ? F_ESC : 0;
  if (c === 92) {
    if (d === 120 || d === 117) return F_ESC; // \x22 \u0022
    if (d !== 110 && d !== 116 && d !== 114 && d !== 98 && d !== 102) return 0; // n t r b f
    // "\n4111…", "\njane@…": the escape letter glues to what follows. "\n    at foo", "\n\n", "\n\"" change
    // nothing a detector sees (measured: skipping those keeps a JSON line with a stack at one scan, not two)
    const e = s.charCodeAt(i + 2);
    return e > 32 && e !== 92 && e !== 34 && e !== 39 ? F_ESC : 0;
  }
  const p = s.charCodeAt(i - 1);
  if (!isDigitCode(p) && !isDigitCode(d)) return 0;
  if (!(CLS[p]! & C_WORD) || !(CLS[d]! & C_WORD) || p === 95 || d === 95) return 0;
  return timeBefore(s, i) ? 0 : F_ESC;
}

/**
 * Whether a numeric cluster can hold anything: 8+ digits (7 after '+'), except exactly 8 digits in
 * 3+ groups — the only 8-digit format we read is SG/HK "9123 4567", so ISO dates ("2024-03-01",
 * in nearly every log line and record) skip the numeric detectors entirely.
 */
function worthNumeric(s: string, start: number, digits: number, groups: number): boolean {
  if (s.charCodeAt(start) === 43) return digits >= MIN_CLUSTER_DIGITS;
  return digits > 8 || (digits === 8 && groups <= 2);
}

/**
 * A '=' or ':' right after a letter (allowing `key =`, `"key":`, `\"key\":`) may end a sensitive key.
 * Keeps "10:15:30" and "a == 1" out of the key=value scan.
 */
function keyBefore(s: string, i: number): boolean {
  let p = i - 1;
  let c = s.charCodeAt(p);
  if (c === 32) c = s.charCodeAt(--p);
  if (c === 34 || c === 39) {
    c = s.charCodeAt(--p);
    if (c === 92) c = s.charCodeAt(--p);
  }
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Flags for a word starting at `i` (the previous character is not a word character). */
function wordStart(s: string, i: number, c: number): number {
  const c1 = s.charCodeAt(i + 1);
  switch (c) {
    case 65: // AKIA ASIA AIDA AROA AGPA ANPA ABIA ACCA APKA …
      return c1 === 75 || c1 === 83 || c1 === 73 || c1 === 82 || c1 === 71 || c1 === 78 || c1 === 66 || c1 === 67 || c1 === 80 ? F_SECRET : 0;
    case 103: // gh…, github_pat_
      return c1 === 104 || c1 === 105 ? F_SECRET : 0;
    case 115:
    case 114: // sk_, rk_
      return c1 === 107 ? F_SECRET : 0;
    case 120: // xox…
      return c1 === 111 ? F_SECRET : 0;
    case 101: // eyJ
      return c1 === 121 ? F_SECRET : 0;
    default: {
      // Bearer, Basic
      const c2 = s.charCodeAt(i + 2);
      return (c1 === 101 && c2 === 97) || (c1 === 97 && c2 === 115) ? F_AUTH : 0;
    }
  }
}

export function prefilter(s: string, out: Prefiltered): void {
  const n = s.length;
  let flags = 0;
  let nc = 0;
  const cl = out.clusters;
  let cStart = -1; // start of the open numeric cluster
  let cDigits = 0;
  let cDots = 0;
  let cId = false; // the cluster follows an uppercase letter (NINO, HKID, NRIC)
  let cGroups = 0;
  let sepRun = 0;
  let cEnd = 0;
  let dashRun = 0;
  let colons = 0;
  let prevColon = false;
  let prevWord = false; // previous char is a word char or '-'

  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? CLS[c]! : 0;
    // Fast path for the bulk of text: a letter inside a word, no numeric cluster open
    // (measured: the prefilter is ~half the cost of a 10-field record; this branch skips most of it).
    if (cStart < 0 && (k === C_WORD || (k === (C_WORD | C_START) && prevWord))) {
      prevWord = true;
      prevColon = false;
      dashRun = 0;
      continue;
    }
    if (k & C_DIGIT) {
      if (cStart < 0) {
        const p = i > 0 ? s.charCodeAt(i - 1) : 0;
        cStart = p === 43 /* + */ || p === 40 /* ( */ ? i - 1 : i;
        cDigits = 0;
        cDots = 0;
        cGroups = 1;
        const upper1 = isUpper(p);
        cId = upper1 || (p === 32 && i >= 2 && isUpper(s.charCodeAt(i - 2)));
        if (upper1 && i >= 2 && isUpper(s.charCodeAt(i - 2))) flags |= F_IBAN;
      } else if (sepRun > 0) {
        cGroups++;
      }
      cDigits++;
      cEnd = i + 1;
      sepRun = 0;
      prevWord = true;
      prevColon = false;
      dashRun = 0;
      continue;
    }
    if (cStart >= 0) {
      if ((k & C_SEP) !== 0 && sepRun < 2) {
        sepRun++;
        if (c === 46) cDots++;
      } else {
        if (worthNumeric(s, cStart, cDigits, cGroups)) {
          cl[nc++] = cStart;
          cl[nc++] = cEnd;
          cl[nc++] = cDigits;
          flags |= F_NUM;
        }
        if (cDots >= 3) flags |= F_IPV4;
        if (cId && cDigits >= 6) flags |= F_ID;
        cStart = -1;
      }
    }
    if (k & C_ESC) flags |= escapeAt(s, i, c);
    if (k & C_SPECIAL) {
      if (c === 45) {
        if (++dashRun >= 5) flags |= F_PEM;
        else if (dashRun === 2 && (s.charCodeAt(i + 1) | 32) >= 97 && (s.charCodeAt(i + 1) | 32) <= 122) flags |= F_FLAG;
        prevWord = true;
        prevColon = false;
        continue;
      }
      if (c === 58) {
        if (keyBefore(s, i)) flags |= F_KV;
        if (prevColon || ++colons >= 7) flags |= F_IPV6; // "::" or a full 8-group address
        prevColon = true;
        if (s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47) flags |= F_URL;
      } else {
        prevColon = false;
        if (c === 64) flags |= F_AT;
        else if (c === 61) {
          if (keyBefore(s, i)) flags |= F_KV;
        } else if (c === 91) flags |= F_BRACKET;
      }
    } else {
      prevColon = false;
      if ((k & C_START) !== 0 && !prevWord && i + 2 < n) flags |= wordStart(s, i, c);
    }
    dashRun = 0;
    prevWord = (k & C_WORD) !== 0;
  }
  if (cStart >= 0) {
    if (worthNumeric(s, cStart, cDigits, cGroups)) {
      cl[nc++] = cStart;
      cl[nc++] = cEnd;
      cl[nc++] = cDigits;
      flags |= F_NUM;
    }
    if (cDots >= 3) flags |= F_IPV4;
    if (cId && cDigits >= 6) flags |= F_ID;
  }
  WORK[0]! += n;
  out.flags = flags;
  out.count = nc;
  if (cl.length > nc + 4096) cl.length = nc; // do not hold on to the clusters of a huge earlier string
}
