/**
 * Secrets with a recognisable shape: AWS access key ids, GitHub, Stripe and Slack tokens, JWTs
 * (header must decode to JSON with "alg"), Bearer/Basic credentials in free text, PEM private keys.
 * One combined, bounded regular expression; the leading lookbehind makes every attempt inside a
 * word fail at its first step, so the cost is linear in the input.
 */
import { Buffer } from 'node:buffer';
import { isAlnumCode, isDigitCode, push, type ScanContext } from './context.js';

const SECRET = new RegExp(
  '(?<![A-Za-z0-9_-])(?:'
  + '(A(?:KIA|SIA|IDA|ROA|IPA|NPA|NVA|GPA|BIA|CCA|PKA|SCA)[A-Z0-9]{16})(?![A-Za-z0-9])'
  + '|(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])'
  + '|((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247})(?![A-Za-z0-9])'
  + '|(xox[abposr]-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])'
  + '|(eyJ[A-Za-z0-9_-]{5,4096})\\.[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,4096}'
  + ')',
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

export function detectSecrets(ctx: ScanContext): void {
  const s = ctx.s;
  const on = ctx.on;
  SECRET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SECRET.exec(s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    let type: string | undefined;
    if (m[1] !== undefined) type = 'aws_key';
    else if (m[2] !== undefined) type = hasDigitAndLetter(m[2].slice(4)) ? 'github_token' : undefined;
    else if (m[3] !== undefined) type = 'stripe_key';
    else if (m[4] !== undefined) type = 'slack_token';
    else if (m[5] !== undefined) type = jwtHeaderOk(m[5]) ? 'jwt' : undefined;
    if (type !== undefined && on[type]) push(ctx, type, start, end);
    else SECRET.lastIndex = start + 1;
  }
}

const AUTH = /(?<![A-Za-z0-9_-])(Bearer|Basic)[ \t]+/gi;

function isToken68(c: number): boolean {
  // token68 (RFC 7235): ALPHA DIGIT - . _ ~ + / and trailing '='
  return isAlnumCode(c) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 61;
}

/** Bearer/Basic credentials in free text; the scheme word stays, the credential is the finding. */
export function detectAuthSchemes(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  AUTH.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AUTH.exec(s)) !== null) {
    const start = m.index + m[0].length;
    let end = start;
    const lim = Math.min(n, start + 8192);
    while (end < lim && isToken68(s.charCodeAt(end))) end++;
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
  let k = s.indexOf(PEM_BEGIN);
  while (k >= 0) {
    const labelEnd = s.indexOf('-----', k + PEM_BEGIN.length);
    if (labelEnd < 0) return;
    const label = s.slice(k + PEM_BEGIN.length, labelEnd);
    if (label.length > 64 || !label.includes('PRIVATE KEY')) {
      k = s.indexOf(PEM_BEGIN, k + PEM_BEGIN.length);
      continue;
    }
    const endMarker = s.indexOf('-----END ', labelEnd + 5);
    if (endMarker < 0) {
      push(ctx, 'private_key', k, n);
      return;
    }
    const close = s.indexOf('-----', endMarker + 9);
    const end = close < 0 || close - endMarker > 80 ? n : close + 5;
    push(ctx, 'private_key', k, end);
    if (end >= n) return;
    k = s.indexOf(PEM_BEGIN, end);
  }
}
