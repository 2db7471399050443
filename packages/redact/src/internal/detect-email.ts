/**
 * E-mail addresses, also internationalised (RFC 6531: Unicode local parts and domains, punycode
 * labels). Scanned in code from each '@' with bounded expansions (64 back, 254 forward), so linear.
 */
import { isAlnumCode, isWordCode, push, type ScanContext } from './context.js';
import { indexOfCounted, WORK } from './work.js';

/** File extensions that look like top-level domains in names such as "logo@2x.png". */
const NOT_TLD = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'bmp',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'css',
  'json',
  'map',
  'txt',
  'html',
  'htm',
  'xml',
  'yaml',
  'yml',
  'log',
  'zip',
  'gz',
  'tgz',
  'tar',
  'pdf',
  'md',
  'lock',
  'wasm',
]);

const NOT_TLD_LIST = [...NOT_TLD];

/** NOT_TLD membership without allocating (called once per e-mail candidate). */
function isFileExtension(s: string, from: number, to: number): boolean {
  const len = to - from;
  for (const ext of NOT_TLD_LIST) {
    if (ext.length !== len) continue;
    let k = 0;
    while (k < len && (s.charCodeAt(from + k) | 32) === ext.charCodeAt(k)) k++;
    if (k === len) return true;
  }
  return false;
}

function isLocalCode(c: number): boolean {
  // RFC 5322 dot-atom characters commonly seen in practice: A-Z a-z 0-9 . _ % + - ' !# $ & * = ? ^ ` { | } ~ left out
  return isAlnumCode(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainCode(c: number): boolean {
  return isAlnumCode(c) || c === 46 || c === 45;
}

/** Letters of scripts written without spaces between words: kana, CJK ideographs, Hangul syllables. */
function isCjkLetter(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
  );
}

/** Letters of the other scripts (Latin with diacritics, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai …), below the general punctuation block. */
function isIntlLetter(c: number): boolean {
  return c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7;
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** A punycode label "xn--…" (IDNA) in s[from, to): letters, digits, hyphens, not ending in '-'. */
function isPunycode(s: string, from: number, to: number): boolean {
  if (
    to - from < 6 ||
    to - from > 63 ||
    (s.charCodeAt(from) | 32) !== 120 ||
    (s.charCodeAt(from + 1) | 32) !== 110 ||
    s.charCodeAt(from + 2) !== 45 ||
    s.charCodeAt(from + 3) !== 45 ||
    s.charCodeAt(to - 1) === 45
  )
    return false;
  for (let i = from + 4; i < to; i++) if (!isAlnumCode(s.charCodeAt(i)) && s.charCodeAt(i) !== 45) return false;
  return true;
}

/**
 * End of the valid domain in s[from, to), or -1. Labels 1–63 chars, no edge hyphens; the top-level
 * label is 2–24 letters (ASCII and not a file extension, or of one other script: "中国", "рф") or
 * punycode ("xn--p1ai"). Checked in place, without allocating per label.
 */
function domainEnd(s: string, from: number, to: number): number {
  let labelStart = from;
  let labels = 0;
  let tldAscii = true;
  let tldIntl = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return -1;
      labels++;
      if (i < to) {
        labelStart = i + 1;
        tldAscii = true;
        tldIntl = true;
      }
    } else if (isAsciiLetter(c)) {
      tldIntl = false;
    } else if (c >= 0x80) {
      tldAscii = false;
    } else {
      tldAscii = false;
      tldIntl = false;
    }
  }
  WORK[0]! += to - from;
  const tldLen = to - labelStart;
  if (labels < 2) return -1;
  if (tldAscii) {
    if (tldLen < 2 || tldLen > 24) return -1;
    if (tldLen <= 4 && isFileExtension(s, labelStart, to)) return -1;
    return to;
  }
  if (tldIntl) return tldLen >= 2 && tldLen <= 24 ? to : -1;
  return isPunycode(s, labelStart, to) ? to : -1;
}

/** `user:` right before `l` is the userinfo of a URL in the same token ("https://user:pass@host"). Bounded look-back. */
function userinfoOfUrl(s: string, l: number): boolean {
  const lim = Math.max(2, l - 300);
  for (let p = l - 1; p >= lim; p--) {
    WORK[0]!++;
    const c = s.charCodeAt(p);
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62) return false;
    if (c === 47 && s.charCodeAt(p - 1) === 47 && s.charCodeAt(p - 2) === 58) return true;
  }
  return false;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * The local part read back from '@' may start with the tail of an escape: the letter of "\\njane@…",
 * "\\x22jane@…" (nginx), "\\u0022jane@…", or an encoded delimiter "%22jane@…", "%20jane@…". Skip it.
 */
function skipLeadingEscape(s: string, l: number, at: number): number {
  if (l > 0 && s.charCodeAt(l - 1) === 92) {
    const c = s.charCodeAt(l);
    if (c === 110 || c === 116 || c === 114 || c === 98 || c === 102) return l + 1;
    if (c === 120 && hexDigit(s.charCodeAt(l + 1)) >= 0 && hexDigit(s.charCodeAt(l + 2)) >= 0) return l + 3;
    if (c === 117 && hexDigit(s.charCodeAt(l + 1)) >= 0 && hexDigit(s.charCodeAt(l + 4)) >= 0) return l + 5;
    return l;
  }
  while (l + 3 < at && s.charCodeAt(l) === 37) {
    const h = hexDigit(s.charCodeAt(l + 1));
    const lo = hexDigit(s.charCodeAt(l + 2));
    if (h < 0 || lo < 0 || h >= 8 || isAlnumCode((h << 4) | lo) || ((h << 4) | lo) === 46) break;
    l += 3;
  }
  return l;
}

export function detectEmail(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let floor = 0;
  let at = indexOfCounted(s, '@', 0);
  while (at >= 0) {
    let next = at + 1;
    const lim = Math.max(floor, at - 64);
    // CJK letters belong to the local part when they touch '@' or only digits and dots do ("张三@例子.中国",
    // "李娜79@…"); after a Latin word they do not ("联系邮箱jane@example.com"): those scripts run words together.
    let l = at;
    let letters = false;
    for (; l > lim; l--) {
      const c = s.charCodeAt(l - 1);
      if (isLocalCode(c)) {
        if (isAsciiLetter(c)) letters = true;
      } else if (isIntlLetter(c)) {
        letters = true;
      } else {
        break;
      }
    }
    if (!letters && l > lim && isCjkLetter(s.charCodeAt(l - 1))) {
      for (; l > lim; l--) {
        const c = s.charCodeAt(l - 1);
        if (!(isLocalCode(c) || isIntlLetter(c) || isCjkLetter(c))) break;
      }
    }
    while (l < at && s.charCodeAt(l) === 46) l++;
    l = skipLeadingEscape(s, l, at);
    const cjkDomain = isCjkLetter(s.charCodeAt(at + 1));
    let r = at + 1;
    const rlim = Math.min(n, at + 254);
    for (; r < rlim; r++) {
      const c = s.charCodeAt(r);
      if (!(isDomainCode(c) || isIntlLetter(c) || (cjkDomain && isCjkLetter(c)))) break;
    }
    WORK[0]! += r - l;
    while (r > at + 1 && (s.charCodeAt(r - 1) === 46 || s.charCodeAt(r - 1) === 45)) r--;
    const tooLong = l === lim && l > floor && isLocalCode(s.charCodeAt(l - 1));
    // "ssh://git@host", "https://user@host": a URL username, not a mailbox; "git@github.com:org/repo" likewise
    const urlUser = (l >= 2 && s.charCodeAt(l - 1) === 47 && s.charCodeAt(l - 2) === 47) || (at - l === 3 && s.startsWith('git', l));
    const inUrl = urlUser || (l > 0 && s.charCodeAt(l - 1) === 58 && userinfoOfUrl(s, l));
    if (l < at && r > at + 1 && !tooLong && !inUrl && s.charCodeAt(at - 1) !== 46 && !(r < n && (isWordCode(s.charCodeAt(r)) || s.charCodeAt(r) === 64))) {
      const end = domainEnd(s, at + 1, r);
      if (end > 0) {
        push(ctx, 'email', l, end);
        floor = end;
        next = end;
      }
    }
    at = indexOfCounted(s, '@', next);
  }
}
