import { hexAnyValue, isToken, trimOws } from './chars.js';

/** W3C Baggage limits (the limits OpenTelemetry's propagators apply). */
export const MAX_BAGGAGE_MEMBERS = 180;
export const MAX_BAGGAGE_BYTES = 8192;
export const MAX_BAGGAGE_MEMBER_BYTES = 4096;

/** baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E */
export function isBaggageOctet(c: number): boolean {
  return c === 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

function allBaggageOctets(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isBaggageOctet(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Percent-decode a value: %XX sequences become bytes, bytes are read as UTF-8 and sequences that
 * are not UTF-8 become U+FFFD (as the spec asks). A "%" not followed by two hex digits stays as is.
 */
export function percentDecode(s: string): string {
  if (s.indexOf('%') === -1) return s;
  try {
    // Well-formed input (the common case) decodes natively, ~3x faster than the byte loop below.
    return decodeURIComponent(s);
  } catch {
    // malformed escape or invalid UTF-8: decode byte by byte with replacement characters
  }
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length) {
      const h = hexAnyValue(s.charCodeAt(i + 1));
      const l = hexAnyValue(s.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) {
        bytes.push((h << 4) | l);
        i += 2;
        continue;
      }
    }
    bytes.push(c); // ASCII: callers only pass baggage-octets
  }
  return Buffer.from(bytes).toString('utf8');
}

const HEX = '0123456789ABCDEF';

/** Percent-encode everything that is not a baggage-octet, plus "%" itself; UTF-8 for non-ASCII. */
export function percentEncode(s: string): string {
  let safe = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 || !isBaggageOctet(c)) {
      safe = false;
      break;
    }
  }
  if (safe) return s;
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte !== 0x25 && isBaggageOctet(byte)) out += String.fromCharCode(byte);
    else out += '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/**
 * Validate and normalise a property list (the part after the first ";"):
 *   property = key OWS "=" OWS value / key OWS   (key = token, value = *baggage-octet)
 * Returns the properties joined by ";" without OWS, or undefined when one is malformed.
 */
export function normaliseProperties(text: string): string | undefined {
  let out = '';
  for (const part of text.split(';')) {
    const p = trimOws(part);
    if (p === '') return undefined;
    const eq = p.indexOf('=');
    let norm: string;
    if (eq === -1) {
      if (!isToken(p)) return undefined;
      norm = p;
    } else {
      const k = trimOws(p.slice(0, eq));
      const v = trimOws(p.slice(eq + 1));
      if (!isToken(k) || !allBaggageOctets(v)) return undefined;
      norm = k + '=' + v;
    }
    out += (out === '' ? '' : ';') + norm;
  }
  return out;
}

export interface BaggageMember {
  key: string;
  /** Decoded value. */
  value: string;
  /** Normalised property list, or undefined. */
  metadata: string | undefined;
}

/**
 * Parse one list-member: key OWS "=" OWS value *( OWS ";" OWS property ).
 * Returns undefined when malformed.
 */
export function parseMember(raw: string): BaggageMember | undefined {
  const semi = raw.indexOf(';');
  const kv = semi === -1 ? raw : raw.slice(0, semi);
  const eq = kv.indexOf('=');
  if (eq === -1) return undefined;
  const key = trimOws(kv.slice(0, eq));
  const value = trimOws(kv.slice(eq + 1));
  if (!isToken(key) || !allBaggageOctets(value)) return undefined;
  let metadata: string | undefined;
  if (semi !== -1) {
    metadata = normaliseProperties(raw.slice(semi + 1));
    if (metadata === undefined) return undefined;
  }
  return { key, value: percentDecode(value), metadata };
}
