/**
 * Values of sensitive parameters inside strings: `password=…` (query strings, logfmt),
 * `token: …` (YAML, headers), `"client_secret":"…"` and `\"api_key\":\"…\"` (JSON embedded in a
 * message). Header-style keys (Authorization, Cookie, Set-Cookie) take the rest of the line, keeping
 * the auth scheme word. Work: for each '=' or ':' the key is read backwards (stops at the previous
 * separator) and a found value is skipped over, so the scan is linear.
 */
import { isAlnumCode, push, type ScanContext } from './context.js';
import { passKey, type KeyMatcher } from './keys.js';
import { maskTokenEnd } from './mask.js';
import { indexOfCounted, WORK } from './work.js';

const MAX_KEY = 64;
const MAX_VALUE = 8192;
const SKIP_VALUES = new Set(['null', 'undefined', 'true', 'false', 'none', 'nil', 'redacted', '""', "''"]);
const SCHEMES = new Set(['bearer', 'basic', 'digest', 'token', 'apikey', 'negotiate', 'aws4-hmac-sha256', 'hoba', 'mutual']);

function isKeyCode(c: number): boolean {
  return isAlnumCode(c) || c === 95 || c === 45 || c === 46;
}

function isValueEnd(c: number): boolean {
  // whitespace , ; & " ' } ] ) < > and the JSON escape backslash
  return (
    c <= 32 ||
    c >= 0x2000 /* general and CJK punctuation, CJK text */ ||
    c === 44 ||
    c === 59 ||
    c === 38 ||
    c === 34 ||
    c === 39 ||
    c === 125 ||
    c === 93 ||
    c === 41 ||
    c === 60 ||
    c === 62 ||
    c === 92
  );
}

/** "******", "xxxx", "•••": a value masked by the application itself. */
function alreadyMasked(s: string, v: number, end: number): boolean {
  const c0 = s.charCodeAt(v);
  if (c0 !== 42 && c0 !== 120 && c0 !== 88 && c0 !== 35 && c0 !== 0x2022) return false;
  for (let i = v + 1; i < end; i++) if (s.charCodeAt(i) !== c0) return false;
  return true;
}

/** `null`, `true`, `""`, `REDACTED…`, `******`: nothing to mask. */
function placeholder(s: string, v: number, end: number): boolean {
  const value = s.slice(v, Math.min(end, v + 12)).toLowerCase();
  return SKIP_VALUES.has(value) || value.startsWith('redacted') || alreadyMasked(s, v, end);
}

const DASH_UNDERSCORE = /[-_]/g;

function normalizedKey(s: string, ks: number, ke: number): string {
  const k = s.slice(ks, ke).toLowerCase();
  return k.includes('-') || k.includes('_') ? k.replace(DASH_UNDERSCORE, '') : k;
}

/**
 * In a connection string (`Key=value;Key=value`), the end of a value that holds a space: the next ';'
 * (within 256 characters, before any '=', quote or line end), when the pair is preceded by ';' or the
 * ';' is followed by another `Key=`. Otherwise -1 (the value ends at the space, as in prose).
 */
function connectionValueEnd(s: string, keyStart: number, from: number, lim: number): number {
  const stop = Math.min(lim, from + 256);
  let semi = from;
  for (; semi < stop; semi++) {
    const c = s.charCodeAt(semi);
    if (c === 59) break;
    if (c === 61 || c === 34 || c === 39 || c === 10 || c === 13 || c === 38) return -1;
  }
  WORK[0]! += semi - from;
  let b = keyStart - 1;
  while (b >= 0 && s.charCodeAt(b) === 32) b--;
  const afterSemicolon = b >= 0 && s.charCodeAt(b) === 59;
  if (semi >= stop) return afterSemicolon && semi === s.length ? trimEnd(s, from, semi) : -1;
  if (afterSemicolon) return trimEnd(s, from, semi);
  let k = semi + 1;
  while (k < stop && s.charCodeAt(k) === 32) k++;
  const k0 = k;
  while (k < stop && k - k0 <= 40 && (isKeyCode(s.charCodeAt(k)) || s.charCodeAt(k) === 32)) k++;
  return k > k0 && s.charCodeAt(k) === 61 && isAlnumCode(s.charCodeAt(k0)) ? trimEnd(s, from, semi) : -1;
}

function trimEnd(s: string, from: number, end: number): number {
  while (end > from && s.charCodeAt(end - 1) === 32) end--;
  return end;
}

export function detectKeyValues(ctx: ScanContext, keys: KeyMatcher): void {
  const s = ctx.s;
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = 0;
    const i0 = i;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c === 61 || c === 58) break;
    }
    WORK[0]! += i - i0 + 1;
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
    WORK[0]! += sepAt - ks + 1;
    const ks0 = ks;
    while (ks < ke && s.charCodeAt(ks) === 45) ks++; // CLI flags: "--db-password=…"
    if (ke - ks < 2) continue;
    const k0 = s.charCodeAt(ks) | 32;
    if (k0 < 97 || k0 > 122) continue;
    if (ks0 > 0 && (s.charCodeAt(ks0 - 1) === 91 || isKeyCode(s.charCodeAt(ks0 - 1)))) continue; // "[secret:hmac:…]"
    if (!keys.mayBeTextKey(s, ke)) continue;
    const kind = passKey(s, ks, ke) ? 1 : keys.textKeyKind(normalizedKey(s, ks, ke));
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
      end = indexOfCounted(s, '\\"', v);
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
      if (c === 61 && end < lim && s.charCodeAt(end) === 32) {
        // a connection string value may hold spaces: "…;Password=Str0ng Pass!;Encrypt=True"
        const semi = connectionValueEnd(s, ks0, end, lim);
        if (semi > 0) end = semi;
      }
      // sentence punctuation after an unquoted value: "token=abc123: retrying"
      while (end > v && (s.charCodeAt(end - 1) === 58 || s.charCodeAt(end - 1) === 46)) end--;
    }
    WORK[0]! += end - sepAt;
    if (end <= v) continue;
    if (maskTokenEnd(s, v) >= end) {
      i = end;
      continue;
    }
    if (placeholder(s, v, end)) continue;
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

function isLetterCode(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/**
 * A sensitive CLI flag followed by its value as the next argument: `--password s3cr3t`, and in an
 * argv array `["--client-secret","abc123"]`. (`--db-password=…` is a key=value pair.) A next argument
 * starting with '-' is another flag (`--no-password -h db`). Linear: each "--" is read once, forward.
 */
export function detectCliFlags(ctx: ScanContext, keys: KeyMatcher): void {
  const s = ctx.s;
  const n = s.length;
  let k = indexOfCounted(s, '--', 0);
  while (k >= 0) {
    let next = k + 2;
    const b = k > 0 ? s.charCodeAt(k - 1) : 32;
    const quote = b === 34 || b === 39 ? b : 0;
    if (b <= 32 || quote !== 0 || b === 91 || b === 44 || b === 40) {
      const ks = k + 2;
      let ke = ks;
      while (ke < n && ke - ks < MAX_KEY && isKeyCode(s.charCodeAt(ke))) ke++;
      next = ke;
      if (
        ke - ks >= 2 &&
        isLetterCode(s.charCodeAt(ks)) &&
        keys.mayBeTextKey(s, ke) &&
        (passKey(s, ks, ke) || keys.textKeyKind(normalizedKey(s, ks, ke)) !== 0)
      ) {
        let v = ke;
        if (quote !== 0) {
          // "--client-secret","abc123"
          if (s.charCodeAt(v) === quote && s.charCodeAt(v + 1) === 44) {
            v += 2;
            if (s.charCodeAt(v) === 32) v++;
            v = s.charCodeAt(v) === quote ? v + 1 : -1;
          } else {
            v = -1;
          }
        } else {
          while (v < n && v - ke < 3 && s.charCodeAt(v) === 32) v++;
          if (v === ke) v = -1;
        }
        if (v > 0 && v < n && s.charCodeAt(v) !== 45) {
          const lim = Math.min(n, v + MAX_VALUE);
          let end = v;
          if (quote !== 0) while (end < lim && s.charCodeAt(end) !== quote) end += s.charCodeAt(end) === 92 ? 2 : 1;
          else while (end < lim && !isValueEnd(s.charCodeAt(end))) end++;
          if (end > lim) end = lim;
          if (end > v && maskTokenEnd(s, v) < end && !placeholder(s, v, end) && ctx.on.secret) push(ctx, 'secret', v, end);
          if (end > next) next = end;
        }
      }
    }
    WORK[0]! += next - k;
    k = indexOfCounted(s, '--', next);
  }
}
