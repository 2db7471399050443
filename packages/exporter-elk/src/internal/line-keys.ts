/**
 * The `meridian` Logstash format sends each record as logged, and Logstash usually hands it to
 * Elasticsearch as it is: a key Elasticsearch refuses (see field-names.ts) loses the record there.
 * `acceptedLine` returns the line itself when every key is accepted (one scan, no allocation but the
 * rare `_`-prefixed root key), and otherwise the same line with only the refused key tokens
 * rewritten: values, numbers (no float round trip), order and spacing stay byte for byte.
 */
import { acceptedFieldName, acceptedRange, freeKey } from './field-names.js';

/**
 * No match means no key of `line` can be refused, whatever the JSON spacing (measured: several times
 * cheaper than the exact scan below, which only runs on a match). Why it is sound, for a key token
 * `"K"` followed by `:`: an empty K is `""` then `:`; a whitespace-only K starts with raw whitespace or
 * an escape (JSON escapes U+0000–U+001F; the rest of Java's whitespace is in `\s`); a metadata K
 * starts with `_` or an escape; a K with an empty or blank part starts with a dot, whitespace or an
 * escape, holds an escaped dot, or has a raw dot followed by a dot, or by whitespace (raw or escaped)
 * up to the next dot or the closing quote. Trailing empty parts (`a.`) are accepted by Elasticsearch.
 * False alarms (a value starting with "_", "..." in a message) only cost the exact scan.
 */
const MAYBE_REFUSED = /""\s*:|"[\s\\._]|\\u002[eE]|\.(?:\.|(?:\s|\\[bfnrt]|\\u[0-9a-fA-F]{4})+[."])/;

/** Index of the unescaped `"` closing a string whose first character is at `from`, or -1. */
function stringEnd(line: string, from: number): number {
  let q = line.indexOf('"', from);
  while (q !== -1) {
    let b = q - 1;
    while (line.charCodeAt(b) === 0x5c) b--;
    if (((q - 1 - b) & 1) === 0) return q;
    q = line.indexOf('"', q + 1);
  }
  return -1;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Is the string token whose characters are line[a, b) followed by ":" (an object key)? */
function isKey(line: string, b: number): boolean {
  let k = b + 1;
  while (k < line.length && isJsonSpace(line.charCodeAt(k))) k++;
  return line.charCodeAt(k) === 0x3a;
}

/** The decoded key of line[a, b) (b is its closing quote). */
function keyName(line: string, a: number, b: number): string {
  const raw = line.slice(a, b);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(line.slice(a - 1, b + 1)) as string;
  } catch {
    return raw;
  }
}

function keyAccepted(line: string, a: number, b: number, root: boolean): boolean {
  for (let i = a; i < b; i++) {
    if (line.charCodeAt(i) === 0x5c) {
      const name = keyName(line, a, b); // an escape: test the decoded name
      return acceptedRange(name, 0, name.length, root);
    }
  }
  return acceptedRange(line, a, b, root);
}

/** True when Elasticsearch accepts every key of the JSON text `line` (or it is not JSON at all: not ours to fix). */
export function keysAccepted(line: string): boolean {
  let depth = 0;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(line, i + 1);
      if (end === -1) return true;
      if (isKey(line, end) && !keyAccepted(line, i + 1, end, depth === 1)) return false;
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return true;
}

/**
 * `line` with every key Elasticsearch refuses renamed (`acceptedFieldName`). Within one object, in
 * key order, a new name already used gets `_2`, `_3`, … (and so does a later accepted key that a
 * renamed one already took): no value is lost.
 */
export function acceptedLine(line: string): string {
  if (!MAYBE_REFUSED.test(line)) return line;
  let s = 0;
  while (isJsonSpace(line.charCodeAt(s))) s++;
  if (line.charCodeAt(s) !== 0x7b || keysAccepted(line)) return line; // not a JSON object: Logstash keeps it as text
  let out = '';
  let copied = 0;
  // per open container: the names an object ends up with, and the ones that were renamed into it
  const stack: Array<{ names: Set<string>; renamed: Set<string> } | null> = [];
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(line, i + 1);
      if (end === -1) break;
      const obj = stack.length > 0 ? stack[stack.length - 1] : null;
      if (obj != null && isKey(line, end)) {
        const name = keyName(line, i + 1, end);
        const root = stack.length === 1;
        const wanted = acceptedFieldName(name, root);
        let final = wanted;
        if (wanted !== name || obj.renamed.has(name)) {
          final = freeKey(wanted, (k) => obj.names.has(k));
          obj.renamed.add(final);
        }
        obj.names.add(final);
        if (final !== name) {
          out += line.slice(copied, i) + JSON.stringify(final);
          copied = end + 1;
        }
      }
      i = end;
    } else if (c === 0x7b) {
      stack.push({ names: new Set(), renamed: new Set() });
    } else if (c === 0x5b) {
      stack.push(null);
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    }
  }
  return out + line.slice(copied);
}
