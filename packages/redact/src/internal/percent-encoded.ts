/**
 * Percent-encoded text (URLs, query strings, form bodies logged as they arrived): `mei.chan%40example.hk`,
 * `%2B852+9432+1876`. The detectors read plain text, so each run of URL characters that holds a `%XX`
 * escape is decoded (`+` as a space, as in forms), passed through `redact`, and — only if that masked
 * something — replaced by the redacted decoded text. Linear: one pass over the string, each run
 * decoded and redacted once.
 */

/** Characters that end a run: white space and the separators of URLs, forms, JSON and prose. */
function isDelimiter(c: number): boolean {
  return c <= 0x20 || c === 0x26 /* & */ || c === 0x3f /* ? */ || c === 0x3d /* = */ || c === 0x23 /* # */
    || c === 0x2f /* / */ || c === 0x22 /* " */ || c === 0x27 /* ' */ || c === 0x3c /* < */ || c === 0x3e /* > */
    || c === 0x2c /* , */ || c === 0x3b /* ; */ || c === 0x5b /* [ */ || c === 0x5d /* ] */;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/**
 * Form-style decoding of one run (`+` is a space, `%XX` a byte, the bytes UTF-8), in one pass over a
 * byte buffer. Not `decodeURIComponent(run.replace(/\+/g, ' '))`: measured, the replace alone grows
 * ~45x from 100 KB to 1 MB of `%2B1+` (many replacements), which broke the linear-time guarantee.
 * A `%` not followed by two hex digits stays a literal `%`; undecodable UTF-8 → undefined (run skipped).
 */
/** Scratch bytes reused across runs (a run needs at most 3 bytes per UTF-16 unit); grown on demand. */
let scratch = Buffer.allocUnsafe(4096);

function decode(run: string): string | undefined {
  if (scratch.length < run.length * 3) scratch = Buffer.allocUnsafe(run.length * 3);
  const bytes = scratch;
  let n = 0;
  const len = run.length;
  for (let i = 0; i < len; i++) {
    const c = run.charCodeAt(i);
    if (c === 0x2b /* + */) {
      bytes[n++] = 0x20;
    } else if (c === 0x25 /* % */ && i + 2 < len && isHex(run.charCodeAt(i + 1)) && isHex(run.charCodeAt(i + 2))) {
      bytes[n++] = (hexValue(run.charCodeAt(i + 1)) << 4) | hexValue(run.charCodeAt(i + 2));
      i += 2;
    } else if (c < 0x80) {
      bytes[n++] = c;
    } else {
      // Raw non-ASCII in a URL run (rare): its UTF-8 bytes; a surrogate pair is one code point (≤ 4 bytes for 2 units).
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < len;
      n += bytes.write(run.slice(i, wide ? i + 2 : i + 1), n, 'utf8');
      if (wide) i++;
    }
  }
  try {
    return utf8.decode(bytes.subarray(0, n));
  } catch {
    return undefined;
  }
}

/** Redact the percent-encoded runs of `s` with `redact` (which must leave a string without findings unchanged). */
export function redactPercentEncoded(s: string, redact: (text: string) => string): string {
  let out: string | undefined;
  let last = 0;
  let start = 0;
  let escaped = false;
  const n = s.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 0;
    if (i < n && !isDelimiter(c)) {
      if (c === 0x25 /* % */ && i + 2 < n && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) escaped = true;
      continue;
    }
    if (escaped) {
      const run = s.slice(start, i);
      const plain = decode(run);
      if (plain !== undefined) {
        const red = redact(plain);
        if (red !== plain) {
          out = (out ?? '') + s.slice(last, start) + red;
          last = i;
        }
      }
    }
    start = i + 1;
    escaped = false;
  }
  return out === undefined ? s : out + s.slice(last);
}
