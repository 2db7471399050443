/**
 * Secrets with a recognisable shape: AWS access key ids, GitHub, Stripe and Slack tokens, JWTs
 * (header must decode to JSON with "alg"), Bearer/Basic credentials in free text, PEM private keys.
 * One combined, bounded regular expression; the leading lookbehind makes every attempt inside a
 * word fail at its first step, so the cost is linear in the input.
 */
import { Buffer } from 'node:buffer';
import { isAlnumCode, isDigitCode, push, type ScanContext } from './context.js';
import { execCounted, indexOfCounted, WORK } from './work.js';

const SECRET = new RegExp(
  '(?<![A-Za-z0-9_-])(?:' +
    '(A(?:KIA|SIA|IDA|ROA|IPA|NPA|NVA|GPA|BIA|CCA|PKA|SCA)[A-Z0-9]{16})(?![A-Za-z0-9])' +
    '|(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])' +
    '|((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247})(?![A-Za-z0-9])' +
    '|(xox[abposr]-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])' +
    '|(eyJ[A-Za-z0-9_-]{5,4096})\\.[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,4096}' +
    ')',
  'g',
);

function hasDigitAndLetter(t: string): boolean {
  let d = false;
  let l = false;
  for (let i = 0; i < t.length && !(d && l); i++) {
    const c = t.charCodeAt(i);
    if (isDigitCode(c)) d = true;
    else if (isAlnumCode(c)) l = true;
  }
  return d && l;
}

function jwtHeaderOk(header: string): boolean {
  try {
    const h: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof h === 'object' && h !== null && typeof (h as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

function isBase64Code(c: number): boolean {
  return isAlnumCode(c) || c === 43 || c === 47;
}

/**
 * The AWS secret access key written right after its key id ("AKIA… wJalr…", credentials.csv
 * "AKIA…,wJalr…", "AKIA…:wJalr…"): up to 3 separators, then exactly 40 base64 characters with upper
 * case, lower case and a digit or '+'/'/' (a git SHA, all lower-case hex, is not one). End or -1.
 */
function awsSecretAfter(s: string, from: number): number {
  const n = s.length;
  let v = from;
  while (v < n && v - from < 3) {
    const c = s.charCodeAt(v);
    if (c === 32 || c === 9 || c === 44 || c === 58 || c === 59 || c === 124 || c === 34 || c === 39 || c === 61) v++;
    else break;
  }
  if (v === from || v + 40 > n) return -1;
  let upper = false;
  let lower = false;
  let other = false;
  for (let k = v; k < v + 40; k++) {
    const c = s.charCodeAt(k);
    if (!isBase64Code(c)) return -1;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else other = true;
  }
  WORK[0]! += v + 40 - from;
  const after = s.charCodeAt(v + 40);
  if (v + 40 < n && (isBase64Code(after) || after === 61 || after === 95 || after === 45)) return -1;
  return upper && lower && other ? v + 40 : -1;
}

export function detectSecrets(ctx: ScanContext): void {
  const s = ctx.s;
  const on = ctx.on;
  SECRET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = execCounted(SECRET, s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    let type: string | undefined;
    if (m[1] !== undefined) {
      type = 'aws_key';
      const secretEnd = awsSecretAfter(s, end);
      if (secretEnd > 0 && on.secret) {
        if (on.aws_key) push(ctx, type, start, end);
        push(ctx, 'secret', secretEnd - 40, secretEnd);
        SECRET.lastIndex = secretEnd;
        continue;
      }
    } else if (m[2] !== undefined) type = hasDigitAndLetter(m[2].slice(4)) ? 'github_token' : undefined;
    else if (m[3] !== undefined) type = 'stripe_key';
    else if (m[4] !== undefined) type = 'slack_token';
    else if (m[5] !== undefined) type = jwtHeaderOk(m[5]) ? 'jwt' : undefined;
    if (type !== undefined && on[type]) push(ctx, type, start, end);
    else SECRET.lastIndex = start + 1;
  }
}

const AUTH = /(?<![A-Za-z0-9_-])(Bearer|Basic)[ \t]+/gi;

function isToken68(c: number): boolean {
  // token68 (RFC 7235): 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
  return isAlnumCode(c) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47;
}

/**
 * The scheme word at `i` is the value of a "…type" field: `token_type=Bearer`, `"token_type":"Bearer"`,
 * `token_type: Bearer` (an OAuth token response), not an Authorization header.
 */
function typeFieldValue(s: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && p > i - 4 && (s.charCodeAt(p) === 32 || s.charCodeAt(p) === 34 || s.charCodeAt(p) === 39 || s.charCodeAt(p) === 92)) p--;
  if (p < 0 || (s.charCodeAt(p) !== 61 && s.charCodeAt(p) !== 58)) return false;
  p--;
  while (p >= 0 && p > i - 8 && (s.charCodeAt(p) === 32 || s.charCodeAt(p) === 34 || s.charCodeAt(p) === 39 || s.charCodeAt(p) === 92)) p--;
  return (
    p >= 3 && (s.charCodeAt(p) | 32) === 101 && (s.charCodeAt(p - 1) | 32) === 112 && (s.charCodeAt(p - 2) | 32) === 121 && (s.charCodeAt(p - 3) | 32) === 116
  );
}

/** Bearer/Basic credentials in free text; the scheme word stays, the credential is the finding. */
export function detectAuthSchemes(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  AUTH.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = execCounted(AUTH, s)) !== null) {
    const start = m.index + m[0].length;
    let end = start;
    const lim = Math.min(n, start + 8192);
    while (end < lim && isToken68(s.charCodeAt(end))) end++;
    while (end < lim && s.charCodeAt(end) === 61) end++;
    WORK[0]! += end - start;
    // "expires_in=3600" after "token_type=Bearer " is a key=value pair, not a token68 ('=' only pads the end)
    if (end < n && (isToken68(s.charCodeAt(end)) || s.charCodeAt(end) === 61)) continue;
    if (typeFieldValue(s, m.index)) continue;
    const tok = s.slice(start, end);
    let ok = false;
    if ((m[1]!.charCodeAt(1) | 32) === 101 /* Bearer */) {
      ok = tok.length >= 8 && /[0-9]/.test(tok);
    } else {
      // Basic: base64 of "user:password"
      if (tok.length >= 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(tok)) {
        const dec = Buffer.from(tok, 'base64').toString('latin1');
        ok = dec.includes(':') && /^[\x20-\x7e]+$/.test(dec);
      }
    }
    if (ok && !tok.startsWith('[')) {
      push(ctx, 'authorization', start, end);
      AUTH.lastIndex = end;
    }
  }
}

const PEM_BEGIN = '-----BEGIN ';

/** PEM private key blocks (any "… PRIVATE KEY" label). A block without its END line is masked to the end. */
export function detectPem(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  let k = indexOfCounted(s, PEM_BEGIN, 0);
  while (k >= 0) {
    const labelEnd = indexOfCounted(s, '-----', k + PEM_BEGIN.length);
    if (labelEnd < 0) return;
    const label = s.slice(k + PEM_BEGIN.length, labelEnd);
    if (label.length > 64 || !label.includes('PRIVATE KEY')) {
      k = indexOfCounted(s, PEM_BEGIN, k + PEM_BEGIN.length);
      continue;
    }
    const endMarker = indexOfCounted(s, '-----END ', labelEnd + 5);
    if (endMarker < 0) {
      push(ctx, 'private_key', k, n);
      return;
    }
    const close = indexOfCounted(s, '-----', endMarker + 9);
    const end = close < 0 || close - endMarker > 80 ? n : close + 5;
    push(ctx, 'private_key', k, end);
    if (end >= n) return;
    k = indexOfCounted(s, PEM_BEGIN, end);
  }
}
