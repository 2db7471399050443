/**
 * National identity numbers with letters (UK NINO, Hong Kong HKID, Singapore NRIC/FIN) and IBANs.
 * Regular expressions here are bounded and start with a literal class, so each match attempt costs
 * O(1); every match is then validated in code (prefix rules, check digits, mod-97).
 */
import { hkidValid, ibanLength, ibanValid, ninoValid, nricValid } from './checksums.js';
import { isAlnumCode, push, type ScanContext } from './context.js';

const NINO = /(?<![A-Za-z0-9])([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/g;
const HKID = /(?<![A-Za-z0-9])([A-Z]{1,2})(\d{6})(?:\(([0-9A])\)|([0-9A]))(?![A-Za-z0-9])/g;
const NRIC = /(?<![A-Za-z0-9])[STFGM]\d{7}[A-Z](?![A-Za-z0-9])/g;
const IBAN_START = /(?<![A-Za-z0-9])([A-Z]{2})\d{2}(?= ?[A-Z0-9])/g;

export function detectIds(ctx: ScanContext): void {
  const s = ctx.s;
  let m: RegExpExecArray | null;
  if (ctx.on.nino) {
    NINO.lastIndex = 0;
    while ((m = NINO.exec(s)) !== null) {
      if (ninoValid(m[1]!, m[5]!)) push(ctx, 'nino', m.index, m.index + m[0].length);
    }
  }
  if (ctx.on.hkid) {
    HKID.lastIndex = 0;
    while ((m = HKID.exec(s)) !== null) {
      if (hkidValid(m[1]!, m[2]!, (m[3] ?? m[4])!)) push(ctx, 'hkid', m.index, m.index + m[0].length);
    }
  }
  if (ctx.on.nric) {
    NRIC.lastIndex = 0;
    while ((m = NRIC.exec(s)) !== null) {
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
  while ((m = IBAN_START.exec(s)) !== null) {
    const len = ibanLength(m[1]!);
    if (len === undefined) continue;
    let p = m.index;
    let out = '';
    while (out.length < len && p < n) {
      const c = s.charCodeAt(p);
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
        out += s[p];
        p++;
      } else if (c === 32 && out.length % 4 === 0 && p + 1 < n && isAlnumCode(s.charCodeAt(p + 1))) {
        p++;
      } else {
        break;
      }
    }
    if (out.length === len && (p >= n || !isAlnumCode(s.charCodeAt(p))) && ibanValid(out)) {
      push(ctx, 'iban', m.index, p);
      IBAN_START.lastIndex = p;
    }
  }
}
