import { isDigit, isLcAlpha, isOws } from './chars.js';

/** At most 32 list-members (Trace Context, tracestate header). */
export const MAX_MEMBERS = 32;
/** A value is 1..256 characters. */
export const MAX_VALUE_LENGTH = 256;
/** A simple key is 1..256 characters. */
export const MAX_SIMPLE_KEY_LENGTH = 256;
/** Multi-tenant key: tenant-id 1..241 characters, system-id 1..14 characters. */
export const MAX_TENANT_LENGTH = 241;
export const MAX_SYSTEM_LENGTH = 14;
/**
 * Inputs longer than this are discarded unread. The longest valid list is 32 members of
 * 256+1+256 characters plus separators (~16.5 KB); the slack covers OWS and empty members.
 */
export const MAX_HEADER_LENGTH = 32 * 1024;

/** keychar without "@": lcalpha / DIGIT / "_" / "-" / "*" / "/" */
function isKeyChar(c: number): boolean {
  return isLcAlpha(c) || isDigit(c) || c === 0x5f || c === 0x2d || c === 0x2a || c === 0x2f;
}

function keyCharsFrom(key: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isKeyChar(key.charCodeAt(i))) return false;
  return true;
}

/**
 * Trace Context Level 2 key grammar:
 *   simple-key       = lcalpha 0*255( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
 *   multi-tenant-key = tenant-id "@" system-id
 *   tenant-id        = ( lcalpha / DIGIT ) 0*240( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
 *   system-id        = lcalpha 0*13( lcalpha / DIGIT / "_" / "-" / "*" / "/" )
 */
export function isValidKey(key: string): boolean {
  const len = key.length;
  if (len === 0) return false;
  const at = key.indexOf('@');
  if (at === -1) {
    return len <= MAX_SIMPLE_KEY_LENGTH && isLcAlpha(key.charCodeAt(0)) && keyCharsFrom(key, 1, len);
  }
  const systemLength = len - at - 1;
  if (at === 0 || at > MAX_TENANT_LENGTH || systemLength === 0 || systemLength > MAX_SYSTEM_LENGTH) return false;
  const t0 = key.charCodeAt(0);
  if (!isLcAlpha(t0) && !isDigit(t0)) return false;
  if (!keyCharsFrom(key, 1, at)) return false;
  if (!isLcAlpha(key.charCodeAt(at + 1))) return false;
  return keyCharsFrom(key, at + 2, len); // a second "@" fails here
}

/**
 * value = 0*255( chr ) nblk-chr ; chr = %x20 / nblk-chr ; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
 * (printable ASCII without "," and "=", 1..256 characters, not ending in a space).
 */
export function isValidValue(value: string): boolean {
  const len = value.length;
  if (len === 0 || len > MAX_VALUE_LENGTH) return false;
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x2c || c === 0x3d) return false;
  }
  return value.charCodeAt(len - 1) !== 0x20;
}

/** Why a tracestate was discarded as a whole. */
export type TraceStateRejection = 'malformed-member' | 'duplicate-key' | 'too-many-members' | 'too-long';

export interface TraceStateParse {
  /** Members in order (left-most first); empty when the list had none or was discarded. */
  keys: string[];
  values: string[];
  /** Set when the whole header was discarded. */
  rejected: TraceStateRejection | undefined;
}

const EMPTY: readonly string[] = Object.freeze([]);

function reject(reason: TraceStateRejection): TraceStateParse {
  return { keys: EMPTY as string[], values: EMPTY as string[], rejected: reason };
}

/**
 * Parse a combined tracestate value (several headers joined with ","). Empty and
 * whitespace-only members are skipped, OWS around members is ignored. Any malformed member,
 * a duplicated key or more than 32 members discards the whole list (see README for why).
 */
export function parseTraceState(header: string): TraceStateParse {
  if (header.length > MAX_HEADER_LENGTH) return reject('too-long');
  const keys: string[] = [];
  const values: string[] = [];
  const len = header.length;
  let start = 0;
  while (start <= len) {
    let end = header.indexOf(',', start);
    if (end === -1) end = len;
    let a = start;
    let b = end;
    while (a < b && isOws(header.charCodeAt(a))) a++;
    while (b > a && isOws(header.charCodeAt(b - 1))) b--;
    if (a < b) {
      if (keys.length === MAX_MEMBERS) return reject('too-many-members');
      const eq = header.indexOf('=', a);
      if (eq === -1 || eq >= b) return reject('malformed-member');
      const key = header.slice(a, eq);
      const value = header.slice(eq + 1, b);
      if (!isValidKey(key) || !isValidValue(value)) return reject('malformed-member');
      for (let i = 0; i < keys.length; i++) if (keys[i] === key) return reject('duplicate-key');
      keys.push(key);
      values.push(value);
    }
    start = end + 1;
  }
  return { keys, values, rejected: undefined };
}

/**
 * Serialize members, keeping the combined length within `maxLength` by removing whole entries
 * as the spec's tracestate limits ask: entries longer than 128 characters go first (right-most first), then
 * entries from the end. Returns the header value and how many entries were removed.
 */
export function serializeBounded(keys: readonly string[], values: readonly string[], maxLength: number): { header: string; removed: number } {
  const n = keys.length;
  let total = n > 0 ? n - 1 : 0;
  for (let i = 0; i < n; i++) total += keys[i]!.length + 1 + values[i]!.length;
  if (total <= maxLength) return { header: join(keys, values, undefined), removed: 0 };
  const keep: boolean[] = new Array<boolean>(n).fill(true);
  let kept = n;
  const drop = (i: number): void => {
    keep[i] = false;
    kept--;
    total -= keys[i]!.length + 1 + values[i]!.length + (kept > 0 ? 1 : 0);
  };
  for (let i = n - 1; i >= 0 && total > maxLength; i--) {
    if (keys[i]!.length + 1 + values[i]!.length > 128) drop(i);
  }
  for (let i = n - 1; i >= 0 && total > maxLength; i--) {
    if (keep[i]) drop(i);
  }
  return { header: join(keys, values, keep), removed: n - kept };
}

function join(keys: readonly string[], values: readonly string[], keep: boolean[] | undefined): string {
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    if (keep !== undefined && !keep[i]) continue;
    out += (out === '' ? '' : ',') + keys[i] + '=' + values[i];
  }
  return out;
}
