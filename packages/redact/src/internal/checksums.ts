/**
 * Check-digit and structure validation, done in code so that a detector never relies on a
 * regular expression alone. Every function takes a normalised string (digits/letters only).
 */

/** Luhn (mod 10) over a string of ASCII digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefix and length of the card brands we mask: Visa, Mastercard (51–55, 2221–2720),
 * Amex, Discover, JCB, UnionPay, Diners, Maestro, Mir, RuPay.
 */
export function cardBrand(d: string): string | undefined {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d.charCodeAt(0) === 52 /* 4 */) return n === 13 || n === 16 || n === 19 ? 'visa' : undefined;
  if (p2 >= 51 && p2 <= 55) return n === 16 ? 'mastercard' : undefined;
  if (p4 >= 2221 && p4 <= 2720) return n === 16 ? 'mastercard' : undefined;
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 && n <= 19 ? 'mir' : undefined;
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : undefined;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
    return n >= 16 && n <= 19 ? 'discover' : undefined;
  }
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19 ? 'jcb' : undefined;
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19 ? 'unionpay' : undefined;
  if ((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) {
    return n >= 14 && n <= 19 ? 'diners' : undefined;
  }
  if (p4 === 5018 || p4 === 5020 || p4 === 5038 || p4 === 5893 || p4 === 6304 || (p4 >= 6759 && p4 <= 6763)) {
    return n >= 13 && n <= 19 ? 'maestro' : undefined;
  }
  if (p2 === 60 || p3 === 508) return n === 16 ? 'rupay' : undefined;
  return undefined;
}

/** IBAN length per country (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country];
}

/** ISO 7064 MOD 97-10 over an IBAN without spaces (uppercase). */
export function ibanValid(iban: string): boolean {
  const len = IBAN_LENGTHS[iban.slice(0, 2)];
  if (len === undefined || iban.length !== len) return false;
  let rem = 0;
  for (let k = 0; k < iban.length; k++) {
    const c = iban.charCodeAt((k + 4) % iban.length);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** US SSN area/group/serial rules: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.charCodeAt(0) === 57) return false;
  return group !== '00' && serial !== '0000';
}

const NINO_FIRST_BAD = 'DFIQUV';
const NINO_SECOND_BAD = 'DFIOQUV';
const NINO_PREFIX_BAD = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];

/** UK National Insurance number prefix rules; `prefix` is two uppercase letters, `suffix` one of A–D. */
export function ninoValid(prefix: string, suffix: string): boolean {
  if (NINO_FIRST_BAD.includes(prefix[0]!) || NINO_SECOND_BAD.includes(prefix[1]!)) return false;
  if (NINO_PREFIX_BAD.includes(prefix)) return false;
  return suffix >= 'A' && suffix <= 'D';
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * China resident identity number: 18 characters, province code 11–82, a plausible birth date
 * (1900-01-01 up to `maxYear`), ISO 7064 MOD 11-2 check character.
 */
export function cnIdValid(id: string, maxYear: number): boolean {
  if (id.length !== 18) return false;
  const prov = Number(id.slice(0, 2));
  if (prov < 11 || prov > 82) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > maxYear || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]!) return false;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * CN_WEIGHTS[i]!;
  const check = id[17] === 'x' ? 'X' : id[17];
  return CN_CHECK[sum % 11] === check;
}

/** Hong Kong identity card check digit: `prefix` one or two letters, six digits, check 0–9 or A. */
export function hkidValid(prefix: string, digits: string, check: string): boolean {
  let sum = 0;
  if (prefix.length === 1) sum += 36 * 9 + (prefix.charCodeAt(0) - 55) * 8;
  else sum += (prefix.charCodeAt(0) - 55) * 9 + (prefix.charCodeAt(1) - 55) * 8;
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const r = (11 - (sum % 11)) % 11;
  return (r === 10 ? 'A' : String(r)) === check;
}

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const NRIC_ST = 'JZIHGFEDCBA';
const NRIC_FG = 'XWUTRQPNMLK';
const NRIC_M = 'KLJNPQRTUWX';

/** Singapore NRIC/FIN checksum for the S, T, F, G and M series. `id` is nine uppercase characters. */
export function nricValid(id: string): boolean {
  const series = id[0]!;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (id.charCodeAt(i + 1) - 48) * NRIC_WEIGHTS[i]!;
  const check = id[8];
  if (series === 'S' || series === 'T') return NRIC_ST[(sum + (series === 'T' ? 4 : 0)) % 11] === check;
  if (series === 'F' || series === 'G') return NRIC_FG[(sum + (series === 'G' ? 4 : 0)) % 11] === check;
  if (series === 'M') return NRIC_M[11 - ((sum + 3) % 11) - 1] === check;
  return false;
}
