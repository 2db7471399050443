/**
 * Character-class helpers shared by the Trace Context and Baggage parsers. Plain char-code
 * comparisons: no regular expressions on the hot path (a per-header RegExp exec was the first
 * thing pino-style profiling would flag, and these loops allocate nothing).
 */

/** HEXDIGLC value by char code (0..15), -1 elsewhere; one table read instead of four comparisons. */
const HEX_LC = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_LC[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX_LC[0x61 + i] = 10 + i;

/** HEXDIGLC = DIGIT / "a" .. "f" */
export function isHexLc(c: number): boolean {
  return c < 128 && HEX_LC[c]! >= 0;
}

/** Value of a HEXDIGLC char code, or -1. */
export function hexLcValue(c: number): number {
  return c < 128 ? HEX_LC[c]! : -1;
}

/** Value of a hex digit in either case (percent-encoding), or -1. */
export function hexAnyValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** OWS per RFC 7230: space or horizontal tab. */
export function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** `s` without leading and trailing spaces and tabs (and only those). */
export function trimOws(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isOws(s.charCodeAt(start))) start++;
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** lcalpha = %x61-7A */
export function isLcAlpha(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** tchar of RFC 7230 token: ALPHA / DIGIT / !#$%&'*+-.^_`|~ */
export function isTchar(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  switch (c) {
    case 0x21:
    case 0x23:
    case 0x24:
    case 0x25:
    case 0x26:
    case 0x27:
    case 0x2a:
    case 0x2b:
    case 0x2d:
    case 0x2e:
    case 0x5e:
    case 0x5f:
    case 0x60:
    case 0x7c:
    case 0x7e:
      return true;
    default:
      return false;
  }
}

/** A non-empty RFC 7230 token. */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTchar(s.charCodeAt(i))) return false;
  return true;
}
