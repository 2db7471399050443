/**
 * E-mail addresses, IPv4/IPv6 addresses and credentials in URLs. Scanning is done in code from
 * literal anchors ('@', "://", hex/colon runs) with bounded expansions, so the work is linear.
 */
import { isAlnumCode, isWordCode, push, type ScanContext } from './context.js';

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

/**
 * End of the valid domain in s[from, to), or -1. Labels 1–63 chars, no edge hyphens, alphabetic TLD
 * of 2–24 that is not a file extension. Checked in place, without allocating per label.
 */
function domainEnd(s: string, from: number, to: number): number {
  let labelStart = from;
  let labels = 0;
  let tldAlpha = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return -1;
      labels++;
      if (i < to) {
        labelStart = i + 1;
        tldAlpha = true;
      }
    } else if (!((c | 32) >= 97 && (c | 32) <= 122)) {
      tldAlpha = false;
    }
  }
  const tldLen = to - labelStart;
  if (labels < 2 || !tldAlpha || tldLen < 2 || tldLen > 24) return -1;
  if (tldLen <= 4 && isFileExtension(s, labelStart, to)) return -1;
  return to;
}

/** `user:` right before `l` is the userinfo of a URL in the same token ("https://user:pass@host"). Bounded look-back. */
function userinfoOfUrl(s: string, l: number): boolean {
  const lim = Math.max(2, l - 300);
  for (let p = l - 1; p >= lim; p--) {
    const c = s.charCodeAt(p);
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62) return false;
    if (c === 47 && s.charCodeAt(p - 1) === 47 && s.charCodeAt(p - 2) === 58) return true;
  }
  return false;
}

export function detectEmail(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let floor = 0;
  let at = s.indexOf('@');
  while (at >= 0) {
    let next = at + 1;
    const lim = Math.max(floor, at - 64);
    let l = at;
    while (l > lim && isLocalCode(s.charCodeAt(l - 1))) l--;
    while (l < at && s.charCodeAt(l) === 46) l++;
    let r = at + 1;
    const rlim = Math.min(n, at + 254);
    while (r < rlim && isDomainCode(s.charCodeAt(r))) r++;
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
    at = s.indexOf('@', next);
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
  return q < p && VERSION_WORDS.has(s.slice(q, p).toLowerCase());
}

export function detectIpv4(ctx: ScanContext): void {
  const s = ctx.s;
  IPV4.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IPV4.exec(s)) !== null) {
    const ip = m[0];
    // Not personal data: unspecified, loopback, broadcast/netmasks.
    if (ip === '0.0.0.0' || ip.startsWith('127.') || ip.startsWith('255.')) continue;
    if (versionBefore(s, m.index)) continue;
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
    while (j < n && (isHexCode(s.charCodeAt(j)) || s.charCodeAt(j) === 58)) j++;
    let end = j;
    // "[2001:db8::1]:443" ends at ']'; a single trailing ':' belongs to the text ("addr fe80::1: up")
    if (end - i > 2 && s.charCodeAt(end - 1) === 58 && s.charCodeAt(end - 2) !== 58) end--;
    const leftOk = i === 0 || !isWordCode(s.charCodeAt(i - 1));
    // a '.' right after may start an embedded IPv4 ("::ffff:192.0.2.1", left to the IPv4 detector) or end a sentence
    const rightOk = j >= n || (!isWordCode(s.charCodeAt(j)) && !(s.charCodeAt(j) === 46 && j + 1 < n && isWordCode(s.charCodeAt(j + 1))));
    if (leftOk && rightOk && end - i >= 4 && end - i <= 39) {
      const t = s.slice(i, end);
      if (ipv6Valid(t) && t !== '::1') push(ctx, 'ipv6', i, end);
    }
    i = j;
  }
}

/** `scheme://user:pass@host`: the userinfo is the finding. */
export function detectUrlCredentials(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let k = s.indexOf('://');
  while (k >= 0) {
    if (k > 0 && isAlnumCode(s.charCodeAt(k - 1))) {
      const p = k + 3;
      const lim = Math.min(n, p + 512);
      let q = p;
      let colon = -1;
      for (; q < lim; q++) {
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
    k = s.indexOf('://', k + 3);
  }
}
