/**
 * E-mail addresses, IPv4/IPv6 addresses and credentials in URLs. Scanning is done in code from
 * literal anchors ('@', "://", hex/colon runs) with bounded expansions, so the work is linear.
 */
import { isAlnumCode, isWordCode, push, type ScanContext } from './context.js';
import { execCounted, indexOfCounted, WORK } from './work.js';

/** File extensions that look like top-level domains in names such as "logo@2x.png". */
const NOT_TLD = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'json',
  'map', 'txt', 'html', 'htm', 'xml', 'yaml', 'yml', 'log', 'zip', 'gz', 'tgz', 'tar', 'pdf', 'md', 'lock', 'wasm',
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
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff);
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
  if (to - from < 6 || to - from > 63 || (s.charCodeAt(from) | 32) !== 120 || (s.charCodeAt(from + 1) | 32) !== 110
    || s.charCodeAt(from + 2) !== 45 || s.charCodeAt(from + 3) !== 45 || s.charCodeAt(to - 1) === 45) return false;
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
    if (l < at && r > at + 1 && !tooLong && !inUrl && s.charCodeAt(at - 1) !== 46
      && !(r < n && (isWordCode(s.charCodeAt(r)) || s.charCodeAt(r) === 64))) {
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

const OCT = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCT}\\.${OCT}\\.${OCT}\\.${OCT}(?![\\w]|\\.\\d)`, 'g');
const VERSION_WORDS = new Set(['version', 'ver', 'build', 'release', 'rev', 'v', 'firmware', 'fw', 'sdk', 'os']);

/** A version context right before `i`: "version 1.2.3.4", "build: 10.0.19045.1", "v 1.2.3.4". */
function versionBefore(s: string, i: number): boolean {
  let p = i;
  const lim = Math.max(0, i - 4);
  while (p > lim && (s.charCodeAt(p - 1) === 32 || s.charCodeAt(p - 1) === 58 || s.charCodeAt(p - 1) === 61)) p--;
  let q = p;
  while (q > 0 && p - q < 12 && ((s.charCodeAt(q - 1) | 32) >= 97 && (s.charCodeAt(q - 1) | 32) <= 122)) q--;
  WORK[0]! += i - q;
  return q < p && VERSION_WORDS.has(s.slice(q, p).toLowerCase());
}

/**
 * A product token right before `i` ("Chrome/124.0.0.0", "Edg/124.0.0.0", "OPR/80.1.0.0" in a User-Agent):
 * '/' after a word that starts with an upper-case letter and stands on its own (not a path segment:
 * "/ip/203.0.113.7" is an address).
 */
function productVersionBefore(s: string, i: number): boolean {
  if (s.charCodeAt(i - 1) !== 47) return false;
  let q = i - 1;
  const lim = Math.max(0, q - 32);
  while (q > lim) {
    const c = s.charCodeAt(q - 1);
    if (!(isAlnumCode(c) || c === 46 || c === 45 || c === 95)) break;
    q--;
  }
  WORK[0]! += i - q;
  const first = s.charCodeAt(q);
  if (q === i - 1 || first < 65 || first > 90) return false;
  if (q === 0) return true;
  const b = s.charCodeAt(q - 1);
  return b <= 32 || b === 40 || b === 41 || b === 59 || b === 34 || b === 44;
}

export function detectIpv4(ctx: ScanContext): void {
  const s = ctx.s;
  IPV4.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = execCounted(IPV4, s)) !== null) {
    const ip = m[0];
    // Not personal data: unspecified, loopback, broadcast/netmasks.
    if (ip === '0.0.0.0' || ip.startsWith('127.') || ip.startsWith('255.')) continue;
    if (versionBefore(s, m.index) || productVersionBefore(s, m.index)) continue;
    push(ctx, 'ipv4', m.index, m.index + ip.length);
  }
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function ipv6Valid(t: string): boolean {
  const dbl = t.indexOf('::');
  if (dbl !== t.lastIndexOf('::')) return false;
  if (!/[0-9]/.test(t)) return false; // "dead::beef", "add::" are words, not addresses
  const head = dbl >= 0 ? t.slice(0, dbl) : t;
  const tail = dbl >= 0 ? t.slice(dbl + 2) : '';
  const parts: string[] = [];
  if (head !== '') parts.push(...head.split(':'));
  if (tail !== '') parts.push(...tail.split(':'));
  for (const p of parts) if (p.length < 1 || p.length > 4) return false;
  if (dbl < 0) return parts.length === 8;
  return parts.length >= 2 && parts.length <= 7;
}

/** Length of a ":port" (1–5 digits, ≤ 65535) ending `t`, or 0. */
function portSuffix(t: string): number {
  const c = t.lastIndexOf(':');
  const len = t.length - c - 1;
  if (c <= 0 || len < 1 || len > 5 || t.charCodeAt(c - 1) === 58) return 0;
  for (let k = c + 1; k < t.length; k++) if (t.charCodeAt(k) < 48 || t.charCodeAt(k) > 57) return 0;
  return Number(t.slice(c + 1)) <= 65535 ? len + 1 : 0;
}

export function detectIpv6(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!isHexCode(c) && c !== 58) {
      i++;
      continue;
    }
    let j = i + 1;
    let colons = c === 58 ? 1 : 0;
    let double = false;
    let digits = c >= 48 && c <= 57;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === 58) {
        colons++;
        if (s.charCodeAt(j - 1) === 58) double = true;
      } else if (d >= 48 && d <= 57) {
        digits = true;
      } else if (!isHexCode(d)) {
        break;
      }
    }
    WORK[0]! += j - i + 1;
    // Most runs are words of the letters a-f ("failed", "cafe") or times ("2024:10:15:31"): an address has a
    // digit, and "::" with ≥ 2 colons or all 8 groups (≥ 7 colons).
    if (!digits || colons < 2 || (!double && colons < 7)) {
      i = j;
      continue;
    }
    // "ip:2001:db8::1", "client:fe80::1": the colon of a key right before the address is not part of it
    const start = c === 58 && i > 0 && isWordCode(s.charCodeAt(i - 1)) && s.charCodeAt(i + 1) !== 58 ? i + 1 : i;
    let end = j;
    // "[2001:db8::1]:443" ends at ']'; a single trailing ':' belongs to the text ("addr fe80::1: up")
    if (end - start > 2 && s.charCodeAt(end - 1) === 58 && s.charCodeAt(end - 2) !== 58) end--;
    const leftOk = start === 0 || !isWordCode(s.charCodeAt(start - 1));
    // a '.' right after may start an embedded IPv4 ("::ffff:192.0.2.1", left to the IPv4 detector) or end a sentence
    const rightOk = j >= n || (!isWordCode(s.charCodeAt(j)) && !(s.charCodeAt(j) === 46 && j + 1 < n && isWordCode(s.charCodeAt(j + 1))));
    if (leftOk && rightOk && end - start >= 4 && end - start <= 45) {
      const t = s.slice(start, end);
      if (t.length <= 39 && ipv6Valid(t)) {
        if (t !== '::1') push(ctx, 'ipv6', start, end);
      } else {
        // an address written with its port and no brackets: "2001:db8:…:7334:443", "2001:db8::1:51234"
        const port = portSuffix(t);
        const a = t.slice(0, t.length - port);
        if (port > 0 && a.length <= 39 && ipv6Valid(a) && a !== '::1') push(ctx, 'ipv6', start, end - port);
      }
    }
    i = j;
  }
}

/** `scheme://user:pass@host`: the userinfo is the finding. */
export function detectUrlCredentials(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let k = indexOfCounted(s, '://', 0);
  while (k >= 0) {
    if (k > 0 && isAlnumCode(s.charCodeAt(k - 1))) {
      const p = k + 3;
      const lim = Math.min(n, p + 512);
      let q = p;
      let colon = -1;
      for (; q < lim; q++) {
        WORK[0]!++;
        const c = s.charCodeAt(q);
        if (c === 64) break;
        if (c <= 32 || c === 47 || c === 63 || c === 35 || c === 91 || c === 93 || c === 34 || c === 39 || c === 60 || c === 62) {
          q = lim;
          break;
        }
        if (c === 58 && colon < 0) colon = q;
      }
      // the user may be empty (redis://:password@host); the password may not
      if (q < lim && colon >= p && q > colon + 1 && s.slice(p, q) !== 'REDACTED:REDACTED') {
        push(ctx, 'url_credentials', p, q);
      }
    }
    k = indexOfCounted(s, '://', k + 3);
  }
}
