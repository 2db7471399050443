/**
 * IPv4/IPv6 addresses and credentials in URLs. Scanning is done in code from literal anchors ("://",
 * hex/colon runs) or a lookbehind-anchored bounded pattern, with bounded expansions, so the work is linear.
 */
import { isAlnumCode, isWordCode, push, type ScanContext } from './context.js';
import { execCounted, indexOfCounted, WORK } from './work.js';

const OCT = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCT}\\.${OCT}\\.${OCT}\\.${OCT}(?![\\w]|\\.\\d)`, 'g');
const VERSION_WORDS = new Set(['version', 'ver', 'build', 'release', 'rev', 'v', 'firmware', 'fw', 'sdk', 'os']);

/** A version context right before `i`: "version 1.2.3.4", "build: 10.0.19045.1", "v 1.2.3.4". */
function versionBefore(s: string, i: number): boolean {
  let p = i;
  const lim = Math.max(0, i - 4);
  while (p > lim && (s.charCodeAt(p - 1) === 32 || s.charCodeAt(p - 1) === 58 || s.charCodeAt(p - 1) === 61)) p--;
  let q = p;
  while (q > 0 && p - q < 12 && (s.charCodeAt(q - 1) | 32) >= 97 && (s.charCodeAt(q - 1) | 32) <= 122) q--;
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
