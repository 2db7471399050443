/** Small helpers of the serialiser: markers for thrown values, constructor names, binary summaries. */
import { quote } from './json-string.js';

/** Bytes of a binary value shown (as base64). */
export const BINARY_PREFIX_BYTES = 32;

/** "[Thrown: TypeError: message]" for a getter, toJSON or proxy trap that threw. */
export function thrownMarker(what: string, e: unknown): string {
  let text: string;
  try {
    text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } catch {
    text = 'unprintable';
  }
  if (text.length > 200) text = text.slice(0, 200) + '…';
  return `[Thrown: ${what}${text}]`;
}

export function ctorName(v: object): string {
  try {
    const c = (v as { constructor?: { name?: unknown } }).constructor;
    const n = c === undefined || c === null ? undefined : c.name;
    return typeof n === 'string' && n !== '' ? n : 'Object';
  } catch {
    return 'Object';
  }
}

export function safeString(v: unknown): string {
  try {
    return String(v);
  } catch (e) {
    return thrownMarker('', e);
  }
}

/** { type, byteLength, base64 (first BINARY_PREFIX_BYTES bytes), truncated? } */
export function binary(buf: ArrayBufferLike, offset: number, length: number, type: string): string {
  const shown = Math.min(length, BINARY_PREFIX_BYTES);
  const base64 = Buffer.from(buf, offset, shown).toString('base64');
  return `{"type":${quote(type)},"byteLength":${length},"base64":"${base64}"${shown < length ? ',"truncated":true' : ''}}`;
}
