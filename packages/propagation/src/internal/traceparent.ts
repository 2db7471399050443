import { isHexLc, hexLcValue, trimOws } from './chars.js';

/** The two flags Trace Context Level 2 defines; every other bit is reserved and sent as zero. */
export const FLAG_SAMPLED = 0x01;
export const FLAG_RANDOM = 0x02;
export const KNOWN_FLAGS = FLAG_SAMPLED | FLAG_RANDOM;

/** Length of a version-00 traceparent, and the minimum length of any version. */
export const TRACEPARENT_LENGTH = 55;

export interface ParsedTraceParent {
  traceId: string;
  spanId: string;
  /** Flags masked to the bits this version understands (sampled, random). */
  traceFlags: number;
}

/** Why a traceparent was rejected (counted by the propagator). */
export type TraceParentRejection = 'invalid' | 'duplicated';

function allHexLc(s: string, from: number, to: number): boolean {
  let nonZero = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isHexLc(c)) return false;
    if (c !== 0x30) nonZero = true;
  }
  return nonZero;
}

/**
 * Parse one traceparent value (surrounding OWS allowed) per Trace Context Level 2 (traceparent header):
 * version 00 is exactly 55 characters; version ff is invalid; a higher version is read by its
 * first four fields when it is at least 55 characters and the flags are followed by `-` or the end.
 * Returns undefined for anything else. A comma anywhere means two headers were folded into one.
 */
export function parseTraceParent(raw: string): ParsedTraceParent | undefined {
  const value = trimOws(raw);
  const len = value.length;
  if (len < TRACEPARENT_LENGTH) return undefined;
  const v0 = value.charCodeAt(0);
  const v1 = value.charCodeAt(1);
  if (!isHexLc(v0) || !isHexLc(v1) || value.charCodeAt(2) !== 0x2d) return undefined;
  if (v0 === 0x66 && v1 === 0x66) return undefined; // version ff is forbidden
  if (value.charCodeAt(35) !== 0x2d || value.charCodeAt(52) !== 0x2d) return undefined;
  if (!allHexLc(value, 3, 35) || !allHexLc(value, 36, 52)) return undefined; // hex, and not all zeros
  const f0 = hexLcValue(value.charCodeAt(53));
  const f1 = hexLcValue(value.charCodeAt(54));
  if (f0 < 0 || f1 < 0) return undefined;
  if (v0 === 0x30 && v1 === 0x30) {
    if (len !== TRACEPARENT_LENGTH) return undefined;
  } else if (len !== TRACEPARENT_LENGTH) {
    if (value.charCodeAt(55) !== 0x2d) return undefined;
    if (value.indexOf(',', 56) !== -1) return undefined; // folded duplicate headers
  }
  return {
    traceId: value.slice(3, 35),
    spanId: value.slice(36, 52),
    traceFlags: ((f0 << 4) | f1) & KNOWN_FLAGS,
  };
}

const FLAG_TEXT = ['00', '01', '02', '03'];

/** Format a version-00 traceparent. `flags` must already be masked to KNOWN_FLAGS. */
export function formatTraceParent(traceId: string, spanId: string, flags: number): string {
  return `00-${traceId}-${spanId}-${FLAG_TEXT[flags & KNOWN_FLAGS]}`;
}
