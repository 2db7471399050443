/**
 * A decoded view of text that arrived encoded, with the position in the original of every decoded
 * character, so that what the detectors find in the view masks exactly the right span of the
 * original and everything around it stays byte for byte:
 *   - percent escapes `%40`, also doubly encoded (`%2540` → `%40` → `@`), UTF-8 sequences `%E4%BD%A0`;
 *   - form spaces: a `+` next to a digit (`4111+1111+…`, `GB82+WEST+…`, `AB+12+34+56+C`); the `+` of
 *     an international number at the start of a value stays (`sms=+44+20+…` → `+44 20 …`);
 *   - backslash escapes of JSON text inside a string and of nginx logs: `\n \t \r \b \f \" \' \\ \/`,
 *     `\uXXXX`, and `\xHH` bytes (nginx writes `"` as `\x22` and UTF-8 byte by byte).
 * At most three levels (an encoded value inside an encoded value); each level is one linear pass.
 */
import { WORK } from './work.js';

const MAX_LEVELS = 3;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/** Length of the byte escape (`%HH` 3, `\xHH` 4) at `i`, or 0. */
function byteEscapeLength(s: string, i: number, n: number): number {
  const c = s.charCodeAt(i);
  if (c === 37) return i + 2 < n && hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0 ? 3 : 0;
  if (c === 92 && s.charCodeAt(i + 1) === 120 /* x */) return i + 3 < n && hexValue(s.charCodeAt(i + 2)) >= 0 && hexValue(s.charCodeAt(i + 3)) >= 0 ? 4 : 0;
  return 0;
}

function byteAt(s: string, i: number, len: number): number {
  return (hexValue(s.charCodeAt(i + len - 2)) << 4) | hexValue(s.charCodeAt(i + len - 1));
}

/** A `\uXXXX` escape at `i` (the backslash): its code unit, or -1. */
function unicodeEscape(s: string, i: number, n: number): number {
  if (i + 5 >= n) return -1;
  let v = 0;
  for (let k = 2; k < 6; k++) {
    const h = hexValue(s.charCodeAt(i + k));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

/** Value of the one-letter backslash escape `\<d>`, or -1. */
function simpleEscape(d: number): number {
  switch (d) {
    case 110:
      return 10; // n
    case 116:
      return 9; // t
    case 114:
      return 13; // r
    case 98:
      return 8; // b
    case 102:
      return 12; // f
    case 34:
    case 39:
    case 92:
    case 47:
      return d; // " ' \ /
    default:
      return -1;
  }
}

/**
 * Text before `i` ends with a backslash escape of a character that is not a letter or digit: `\\n`,
 * `\\x22`, `\\u0022` (JSON or nginx text, where a '+' is a plus). After a percent escape the text is
 * form-encoded, and a '+' there is a space.
 */
function escapedDelimiterBefore(s: string, i: number): boolean {
  if (i >= 2 && s.charCodeAt(i - 2) === 92 && simpleEscape(s.charCodeAt(i - 1)) >= 0) return true;
  let len = 0;
  if (i >= 4 && s.charCodeAt(i - 4) === 92 && s.charCodeAt(i - 3) === 120) len = 4;
  else if (i >= 6 && s.charCodeAt(i - 6) === 92 && s.charCodeAt(i - 5) === 117 && s.charCodeAt(i - 4) === 48 && s.charCodeAt(i - 3) === 48) len = 6;
  if (len === 0 || hexValue(s.charCodeAt(i - 2)) < 0 || hexValue(s.charCodeAt(i - 1)) < 0) return false;
  return !isAlnum((hexValue(s.charCodeAt(i - 2)) << 4) | hexValue(s.charCodeAt(i - 1)));
}

/**
 * Whether a `+` at `i` is a form-encoded space: next to a digit, and not the `+` that starts an
 * international number (after a delimiter, also a backslash-escaped one: `\\n+44 …`, `\\x22+44 …`).
 */
export function formSpaceAt(s: string, i: number): boolean {
  const p = i === 0 || escapedDelimiterBefore(s, i) ? 32 : s.charCodeAt(i - 1);
  const q = s.charCodeAt(i + 1);
  if (isDigit(q)) return isAlnum(p);
  return isDigit(p) && isAlnum(q);
}

/** Scratch offset buffers, reused (scanning is synchronous) and grown on demand; huge ones are let go after use. */
let startsA = new Int32Array(1025);
let startsB = new Int32Array(1025);
const KEEP = 1 << 16;

/**
 * The decoded text is built from slices of the original between escapes: measured on a 120-character
 * JSON line with one escape, 52 ns against 430 ns for String.fromCharCode over a code-unit buffer. After
 * 64 escapes the rest goes into a code-unit buffer converted in 8 K chunks: one small string per escape
 * (and an array holding them all) made the per-character cost of 1 MB of `\\xE5\\xBC\\xA0` twice that of
 * 100 KB (garbage collection), the buffer keeps it flat.
 */
const SINGLE: string[] = [];
for (let c = 0; c < 128; c++) SINGLE.push(String.fromCharCode(c));

class TextBuilder {
  acc = '';
  pieces = 0;
  /** End of the original text already taken. */
  last = 0;
  units = new Uint16Array(1024);
  n = 0;

  reset(): void {
    this.acc = '';
    this.pieces = 0;
    this.last = 0;
    this.n = 0;
  }

  /** The original up to `i`, then the code unit `u1` (and `u2` if ≥ 0) in place of s[i, i + rawLen). */
  add(s: string, i: number, rawLen: number, u1: number, u2: number): void {
    if (++this.pieces <= 64) {
      this.acc += s.slice(this.last, i) + (u2 >= 0 ? String.fromCharCode(u1, u2) : u1 < 128 ? SINGLE[u1]! : String.fromCharCode(u1));
    } else {
      if (this.n + (i - this.last) + 2 > this.units.length) this.grow(this.n + (i - this.last) + 2 + (s.length - i));
      const u = this.units;
      let n = this.n;
      for (let k = this.last; k < i; k++) u[n++] = s.charCodeAt(k);
      u[n++] = u1;
      if (u2 >= 0) u[n++] = u2;
      this.n = n;
    }
    this.last = i + rawLen;
  }

  private grow(min: number): void {
    const next = new Uint16Array(Math.max(min, this.units.length * 2));
    next.set(this.units.subarray(0, this.n));
    this.units = next;
  }

  finish(s: string): string {
    const tail = s.slice(this.last);
    if (this.n === 0) return this.acc + tail;
    const parts: string[] = [this.acc];
    for (let k = 0; k < this.n; k += 8192) {
      parts.push(String.fromCharCode.apply(null, this.units.subarray(k, Math.min(this.n, k + 8192)) as unknown as number[]));
    }
    parts.push(tail);
    if (this.units.length > KEEP) this.units = new Uint16Array(1024);
    return parts.join('');
  }
}

const builder = new TextBuilder();

/**
 * One level of decoding of `s`, with the original offset of every decoded character in `local`
 * (relative to `s`; `local[length]` is `s.length`). `plus`: decode form spaces. Undefined if nothing was decoded.
 */
function decodeOnce(s: string, local: Int32Array, plus: boolean): string | undefined {
  const n = s.length;
  const b = builder;
  b.reset();
  let o = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 37 || c === 92) {
      const len = byteEscapeLength(s, i, n);
      if (len > 0) {
        const byte = byteAt(s, i, len);
        if (byte < 0x80) {
          local[o++] = i;
          b.add(s, i, len, byte, -1);
          i += len;
          continue;
        }
        // UTF-8: a lead byte and its continuation bytes, each written as an escape
        const need = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : 0;
        let cp = byte & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
        let j = i + len;
        let k = 0;
        for (; k < need; k++) {
          const l2 = byteEscapeLength(s, j, n);
          const bb = l2 > 0 ? byteAt(s, j, l2) : -1;
          if (bb < 0x80 || bb > 0xbf) break;
          cp = (cp << 6) | (bb & 0x3f);
          j += l2;
        }
        if (need > 0 && k === need && !(need === 2 && cp < 0x800) && !(need === 3 && (cp < 0x10000 || cp > 0x10ffff)) && !(cp >= 0xd800 && cp <= 0xdfff)) {
          local[o++] = i;
          if (cp >= 0x10000) {
            local[o++] = i; // both halves of a surrogate pair start at the escape
            b.add(s, i, j - i, 0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
          } else {
            b.add(s, i, j - i, cp, -1);
          }
          i = j;
          continue;
        }
        // not UTF-8: the escape stays as written
      } else if (c === 92 && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        const v = d === 117 /* u */ ? unicodeEscape(s, i, n) : simpleEscape(d);
        if (v >= 0) {
          local[o++] = i;
          b.add(s, i, d === 117 ? 6 : 2, v, -1);
          i += d === 117 ? 6 : 2;
          continue;
        }
      }
    } else if (c === 43 && plus && formSpaceAt(s, i)) {
      local[o++] = i;
      b.add(s, i, 1, 32, -1);
      i++;
      continue;
    }
    local[o++] = i;
    i++;
  }
  local[o] = n;
  WORK[0]! += n;
  return b.pieces === 0 ? undefined : b.finish(s);
}

/** An escape left in decoded text (a second level is only decoded when the first left one): `%HH`, `\xHH`, `\uXXXX`, `\n`… */
function hasEscape(s: string): boolean {
  const n = s.length;
  WORK[0]! += n;
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) if (byteEscapeLength(s, i, n) > 0) return true;
  for (let i = s.indexOf('\\'); i >= 0; i = s.indexOf('\\', i + 1)) {
    const d = s.charCodeAt(i + 1);
    if (d === 92) {
      i++;
      continue;
    }
    if (simpleEscape(d) >= 0 || byteEscapeLength(s, i, n) > 0 || (d === 117 && unicodeEscape(s, i, n) >= 0)) return true;
  }
  return false;
}

export interface EscapeView {
  /** The decoded text. */
  text: string;
  /** `starts[i]`: offset in the original where decoded character `i` begins; `starts[text.length]` is the original length. Valid until the next call. */
  starts: Int32Array;
}

const view: EscapeView = { text: '', starts: startsA };

/** The decoded view of `s`, or undefined when `s` holds nothing to decode. */
export function escapeView(s: string, plus = true): EscapeView | undefined {
  let cur = s;
  let composed: Int32Array | undefined;
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (level > 0 && !hasEscape(cur)) break;
    // two offset arrays alternate between levels; the second is only grown when a second level is decoded
    let local = composed === startsA ? startsB : startsA;
    if (local.length < cur.length + 1) {
      local = new Int32Array(cur.length + 1);
      if (composed === startsA) startsB = local;
      else startsA = local;
    }
    const text = decodeOnce(cur, local, plus);
    if (text === undefined) break;
    if (composed !== undefined) {
      for (let i = 0; i <= text.length; i++) local[i] = composed[local[i]!]!;
      WORK[0]! += text.length;
    }
    composed = local;
    cur = text;
  }
  if (composed === undefined) return undefined;
  view.text = cur;
  view.starts = composed;
  return view;
}

/** Let go of scratch buffers grown for a huge string (call when done with the view). */
export function releaseScratch(): void {
  if (startsA.length > KEEP) startsA = new Int32Array(1025);
  if (startsB.length > KEEP) startsB = new Int32Array(1025);
}

/** The decoded text of a value (for partial and hash replacements): escapes decoded, a `+` kept as written. */
export function decodeValue(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('\\') < 0) return s;
  const v = escapeView(s, false);
  const out = v === undefined ? s : v.text;
  releaseScratch();
  return out;
}
