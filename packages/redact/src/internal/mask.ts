/**
 * Replacement text per mode, and recognition of our own replacement tokens so that a second pass
 * leaves them alone (redact(redact(x)) === redact(x)).
 *   mask:    [REDACTED:card]
 *   partial: [card:****1111]  [email:***@example.com]  [phone:+44…]  (other types as mask)
 *   hash:    [email:hmac:1a2b3c4d5e6f]  HMAC-SHA-256 over the normalised value, keyed
 */
import { createHmac } from 'node:crypto';
import type { RedactMode } from '@meridian/config';
import { decodeValue } from './escapes.js';
import { hasCallingCode } from './phone.js';
import { WORK } from './work.js';

const TOKEN = /\[(?:REDACTED(?::[A-Za-z0-9_.-]{1,40})?|[A-Za-z0-9_.-]{1,40}:(?:hmac:[0-9a-f]{12}|\*{4}[0-9]{4}|\*{3}@[A-Za-z0-9.-]{1,253}|\+[0-9]{1,3}…))\]/y;

/** If a replacement token starts at `i`, the index after it; otherwise -1. */
export function maskTokenEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 91) return -1;
  TOKEN.lastIndex = i;
  const end = TOKEN.test(s) ? TOKEN.lastIndex : -1;
  WORK[0]! += end < 0 ? 1 : end - i; // a sticky attempt, bounded by the token's length
  return end;
}

const DIGITS_ONLY = new Set(['card', 'phone', 'ssn', 'cn_id']);

function digitsOf(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) out += v[i];
  }
  return out;
}

export class Masker {
  private readonly masks = new Map<string, string>();

  constructor(
    readonly mode: RedactMode,
    private readonly hashKey: string | undefined,
  ) {}

  /** `value` as found, possibly still encoded (`jane%40example.com`): partial and hash modes use its decoded text. */
  replace(type: string, found: string): string {
    const value = this.mode === 'mask' ? found : decodeValue(found);
    if (this.mode === 'hash' && this.hashKey !== undefined) {
      let canon = value;
      if (DIGITS_ONLY.has(type)) canon = digitsOf(value) + (type === 'cn_id' ? value.slice(-1).toUpperCase() : '');
      else if (type === 'email') canon = value.toLowerCase();
      else if (type === 'iban') canon = value.replace(/ /g, '');
      const h = createHmac('sha256', this.hashKey).update(type).update('\0').update(canon).digest('hex');
      return `[${type}:hmac:${h.slice(0, 12)}]`;
    }
    if (this.mode === 'partial') {
      if (type === 'card') {
        const d = digitsOf(value);
        return `[card:****${d.slice(-4)}]`;
      }
      if (type === 'email') return `[email:***@${value.slice(value.lastIndexOf('@') + 1)}]`;
      if (type === 'phone' && value.charCodeAt(0) === 43) {
        const d = digitsOf(value);
        for (let n = 1; n <= 3; n++) {
          if (hasCallingCode(d.slice(0, n)) && hasCallingCode(d) && d.length > n) {
            // calling codes are prefix-free: the first length that is assigned is the code
            return `[phone:+${d.slice(0, n)}…]`;
          }
        }
      }
    }
    let m = this.masks.get(type);
    if (m === undefined) {
      m = `[REDACTED:${type}]`;
      this.masks.set(type, m);
    }
    return m;
  }
}
