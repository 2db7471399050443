/**
 * National identity numbers with letters (UK NINO, Hong Kong HKID, Singapore NRIC/FIN) and IBANs.
 * Regular expressions here are bounded and start with a literal class, so each match attempt costs
 * O(1); every match is then validated in code (prefix rules, check digits, mod-97).
 */
import { hkidValid, ibanLength, ninoValid, nricValid } from './checksums.js';
import { isAlnumCode, push, type ScanContext } from './context.js';
import { execCounted, WORK } from './work.js';

const NINO = /(?<![A-Za-z0-9])([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/g;
const HKID = /(?<![A-Za-z0-9])([A-Z]{1,2})(\d{6})(?:\(([0-9A])\)|([0-9A]))(?![A-Za-z0-9])/g;
const NRIC = /(?<![A-Za-z0-9])[STFGM]\d{7}[A-Z](?![A-Za-z0-9])/g;
const IBAN_START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}(?= ?[A-Z0-9])/g;

/** "NI number", "NINO", "National Insurance" in the 24 characters before `i`. */
function ninoContext(s: string, i: number): boolean {
  WORK[0]! += 24;
  const before = s.slice(Math.max(0, i - 24), i).toLowerCase();
  return before.includes('ni number') || before.includes('nino') || before.includes('national insurance') || before.includes('ni no');
}

export function detectIds(ctx: ScanContext): void {
  const s = ctx.s;
  let m: RegExpExecArray | null;
  if (ctx.on.nino) {
    NINO.lastIndex = 0;
    while ((m = execCounted(NINO, s)) !== null) {
      // "BH018874A" is also a well-formed HKID (two letters, six digits, check 'A'); when that check
      // digit holds, the checksum is the stronger evidence and the HKID detector reports it.
      if (!ninoValid(m[1]!, m[5]!)) continue;
      if (ctx.on.hkid && m[0].length === 9 && m[5] === 'A' && hkidValid(m[1]!, m[0].slice(2, 8), 'A') && !ninoContext(s, m.index)) {
        continue;
      }
      push(ctx, 'nino', m.index, m.index + m[0].length);
    }
  }
  if (ctx.on.hkid) {
    HKID.lastIndex = 0;
    while ((m = execCounted(HKID, s)) !== null) {
      if (!hkidValid(m[1]!, m[2]!, (m[3] ?? m[4])!)) continue;
      // a NINO-shaped HKID after "NI number"/"NINO"/"National Insurance" was reported as a NINO
      if (m[0].length === 9 && m[4] === 'A' && m[1]!.length === 2 && ctx.on.nino && ninoContext(s, m.index) && ninoValid(m[1]!, 'A')) continue;
      push(ctx, 'hkid', m.index, m.index + m[0].length);
    }
  }
  if (ctx.on.nric) {
    NRIC.lastIndex = 0;
    while ((m = execCounted(NRIC, s)) !== null) {
      if (nricValid(m[0])) push(ctx, 'nric', m.index, m.index + 9);
    }
  }
}

/** IBANs, printed compact or in groups of four separated by single spaces. */
export function detectIban(ctx: ScanContext): void {
  const s = ctx.s;
  const n = s.length;
  IBAN_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = execCounted(IBAN_START, s)) !== null) {
    const len = ibanLength(m[1]!);
    if (len === undefined) continue;
    // Stream the characters into the mod-97 check instead of building a string: adversarial inputs
    // ("GB82 GB82 …") start a candidate every few characters.
    let p = m.index + 4;
    let count = 4;
    let rem = 0;
    while (count < len && p < n) {
      WORK[0]!++;
      const c = s.charCodeAt(p);
      if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
      else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
      else if (c === 32 && count % 4 === 0 && p + 1 < n && isAlnumCode(s.charCodeAt(p + 1))) {
        p++;
        continue;
      } else break;
      count++;
      p++;
    }
    if (count !== len || (p < n && isAlnumCode(s.charCodeAt(p)))) continue;
    // then the country letters and check digits, moved to the end (ISO 13616)
    for (let k = m.index; k < m.index + 4; k++) {
      const c = s.charCodeAt(k);
      rem = c <= 57 ? (rem * 10 + (c - 48)) % 97 : (rem * 100 + (c - 55)) % 97;
    }
    if (rem === 1) {
      push(ctx, 'iban', m.index, p);
      IBAN_START.lastIndex = p;
    }
  }
}
