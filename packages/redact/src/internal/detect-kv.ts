/**
 * Values of sensitive parameters inside strings: `password=…` (query strings, logfmt),
 * `token: …` (YAML, headers), `"client_secret":"…"` and `\"api_key\":\"…\"` (JSON embedded in a
 * message). Header-style keys (Authorization, Cookie, Set-Cookie) take the rest of the line, keeping
 * the auth scheme word. Work: for each '=' or ':' the key is read backwards (stops at the previous
 * separator) and a found value is skipped over, so the scan is linear.
 */
import { isAlnumCode, push, type ScanContext } from './context.js';
import type { KeyMatcher } from './keys.js';
import { maskTokenEnd } from './mask.js';

const MAX_KEY = 64;
const MAX_VALUE = 8192;
const SKIP_VALUES = new Set(['null', 'undefined', 'true', 'false', 'none', 'nil', 'redacted', '""', "''"]);
const SCHEMES = new Set(['bearer', 'basic', 'digest', 'token', 'apikey', 'negotiate', 'aws4-hmac-sha256', 'hoba', 'mutual']);

function isKeyCode(c: number): boolean {
  return isAlnumCode(c) || c === 95 || c === 45 || c === 46;
}

function isValueEnd(c: number): boolean {
  // whitespace , ; & " ' } ] ) < > and the JSON escape backslash
  return c <= 32 || c >= 0x2000 /* general and CJK punctuation, CJK text */ || c === 44 || c === 59 || c === 38 || c === 34 || c === 39 || c === 125 || c === 93 || c === 41
    || c === 60 || c === 62 || c === 92;
}

/** "******", "xxxx", "•••": a value masked by the application itself. */
function alreadyMasked(s: string, v: number, end: number): boolean {
  const c0 = s.charCodeAt(v);
  if (c0 !== 42 && c0 !== 120 && c0 !== 88 && c0 !== 35 && c0 !== 0x2022) return false;
  for (let i = v + 1; i < end; i++) if (s.charCodeAt(i) !== c0) return false;
  return true;
}

const DASH_UNDERSCORE = /[-_]/g;

function normalizedKey(s: string, ks: number, ke: number): string {
  const k = s.slice(ks, ke).toLowerCase();
  return k.includes('-') || k.includes('_') ? k.replace(DASH_UNDERSCORE, '') : k;
}

export function detectKeyValues(ctx: ScanContext, keys: KeyMatcher): void {
  const s = ctx.s;
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = 0;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c === 61 || c === 58) break;
    }
    if (i >= n) return;
    const sepAt = i;
    i++;
    // key: [quote] name [quote] [spaces] separator
    let ke = sepAt;
    if (ke > 0 && s.charCodeAt(ke - 1) === 32) ke--;
    const q = ke > 0 ? s.charCodeAt(ke - 1) : 0;
    if (q === 34 || q === 39) {
      ke--;
      if (ke > 0 && s.charCodeAt(ke - 1) === 92) ke--; // \"key\"
    }
    let ks = ke;
    while (ks > 0 && ke - ks < MAX_KEY && isKeyCode(s.charCodeAt(ks - 1))) ks--;
    if (ke - ks < 2) continue;
    const k0 = s.charCodeAt(ks) | 32;
    if (k0 < 97 || k0 > 122) continue;
    if (ks > 0 && (s.charCodeAt(ks - 1) === 91 || (ks > 0 && isKeyCode(s.charCodeAt(ks - 1))))) continue; // "[secret:hmac:…]"
    if (!keys.mayBeTextKey(s, ke)) continue;
    const kind = keys.textKeyKind(normalizedKey(s, ks, ke));
    if (kind === 0) continue;
    if (c === 58 && s.charCodeAt(sepAt + 1) === 47 && s.charCodeAt(sepAt + 2) === 47) continue; // scheme://
    // value
    let v = sepAt + 1;
    while (v < n && v - sepAt <= 3 && s.charCodeAt(v) === 32) v++;
    let end = v;
    const lim = Math.min(n, v + MAX_VALUE);
    const vc = v < n ? s.charCodeAt(v) : 0;
    if (vc === 123 /* { */ || (vc === 91 && maskTokenEnd(s, v) < 0 && s.charCodeAt(v + 1) !== 34)) continue; // nested object/array
    if (vc === 92 && s.charCodeAt(v + 1) === 34) {
      v += 2; // \"value\"
      end = s.indexOf('\\"', v);
      if (end < 0 || end > lim) end = lim;
    } else if (vc === 34 || vc === 39) {
      v++;
      end = v;
      while (end < lim && s.charCodeAt(end) !== vc) end += s.charCodeAt(end) === 92 ? 2 : 1;
      if (end > lim) end = lim;
    } else if (kind === 2 && c === 58) {
      while (end < lim) {
        const e = s.charCodeAt(end);
        if (e === 10 || e === 13 || e === 34) break;
        end++;
      }
      while (end > v && s.charCodeAt(end - 1) === 32) end--;
    } else {
      while (end < lim && !isValueEnd(s.charCodeAt(end))) end++;
      // sentence punctuation after an unquoted value: "token=abc123: retrying"
      while (end > v && (s.charCodeAt(end - 1) === 58 || s.charCodeAt(end - 1) === 46)) end--;
    }
    if (end <= v) continue;
    if (maskTokenEnd(s, v) >= end) {
      i = end;
      continue;
    }
    const value = s.slice(v, Math.min(end, v + 12)).toLowerCase();
    if (SKIP_VALUES.has(value) || value.startsWith('redacted') || alreadyMasked(s, v, end)) continue;
    let start = v;
    let type = 'secret';
    if (kind === 2) {
      // keep the scheme word of an Authorization value
      let w = v;
      while (w < end && w - v < 20 && s.charCodeAt(w) !== 32) w++;
      if (w < end && SCHEMES.has(s.slice(v, w).toLowerCase())) start = w + 1;
      if (normalizedKey(s, ks, ke).endsWith('authorization')) type = 'authorization';
    }
    if (start < end && ctx.on[type]) push(ctx, type, start, end);
    i = end;
  }
}
