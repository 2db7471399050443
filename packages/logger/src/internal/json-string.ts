/**
 * JSON string literals that can never break a line. JSON.stringify escapes \n, \r and every
 * control character, but leaves U+2028, U+2029 and U+0085 raw; some line splitters (Python's
 * splitlines, JavaScript source) treat those as line breaks, so they are escaped here too.
 * Lone surrogates come out as \udXXX escapes (well-formed JSON.stringify, Node >= 12).
 */
const LINE_BREAKS = /[\u0085\u2028\u2029]/;
const LINE_BREAKS_ALL = /[\u0085\u2028\u2029]/g;
const SHORT = 64;

function escapeLineBreak(c: string): string {
  return c === '\u2028' ? '\\u2028' : c === '\u2029' ? '\\u2029' : '\\u0085';
}

/** `s` as a JSON string literal. */
export function quote(s: string): string {
  const n = s.length;
  if (n < SHORT) {
    // Measured: for short printable-ASCII strings (most field values) this loop plus a
    // concatenation is ~2x faster than JSON.stringify; anything else takes the full path.
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
    }
    if (i === n) return '"' + s + '"';
  }
  const json = JSON.stringify(s);
  // Measured: testing the (short, flat) input string per value costs less than one regex pass
  // over the whole concatenated record, which also forces the record rope to flatten early.
  return LINE_BREAKS.test(s) ? json.replace(LINE_BREAKS_ALL, escapeLineBreak) : json;
}

const keyPieces = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;
/** Longer keys are quoted every time, so the cache stays small whatever keys callers send. */
const MAX_CACHED_KEY_LENGTH = 64;

/**
 * `,"key":` for an object key. Field names repeat from record to record, so the quoted form is
 * cached (bounded: keys up to MAX_CACHED_KEY_LENGTH chars, at most MAX_CACHED_KEYS of them).
 */
export function keyPiece(key: string): string {
  let piece = keyPieces.get(key);
  if (piece === undefined) {
    piece = ',' + quote(key) + ':';
    if (keyPieces.size < MAX_CACHED_KEYS && key.length <= MAX_CACHED_KEY_LENGTH) keyPieces.set(key, piece);
  }
  return piece;
}
