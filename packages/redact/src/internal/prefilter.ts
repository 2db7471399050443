/**
 * One pass over the char codes of a string deciding which detector families can apply, and
 * collecting the numeric clusters (digits joined by at most two of ` -./()`) that the numeric
 * detectors examine. Most log lines set no flag and are returned untouched without running a
 * single regular expression. Linear: constant work per character.
 */

export const F_NUM = 1; // a numeric cluster with ≥ 7 digits (cards, phones, SSN, CN id)
export const F_AT = 2; // '@' (e-mail)
export const F_KV = 4; // '=' or ':' (key=value, JSON-in-string, headers)
export const F_URL = 8; // "://" (credentials in URLs)
export const F_SECRET = 16; // a word starting like AKIA/ASIA…, gh…, sk_/rk_, xox…, eyJ
export const F_PEM = 32; // "-----"
export const F_IPV4 = 64; // a cluster with ≥ 3 dots
export const F_IPV6 = 128; // a hex/colon run with "::" or ≥ 7 colons
export const F_ID = 256; // uppercase letter right before ≥ 6 digits (NINO, HKID, NRIC)
export const F_IBAN = 512; // two uppercase letters right before two digits
export const F_AUTH = 1024; // a word starting "Bea"/"Bas" (Bearer/Basic credentials)
export const F_BRACKET = 2048; // '[' (possible mask token from an earlier pass)

/** Minimum digits in a cluster worth handing to the numeric detectors (shortest E.164 numbers). */
const MIN_CLUSTER_DIGITS = 7;

export interface Prefiltered {
  flags: number;
  /** Triples: cluster start (incl. a leading '+' or '('), end (after the last digit), digit count. */
  clusters: number[];
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function prefilter(s: string, out: Prefiltered): void {
  const n = s.length;
  let flags = 0;
  out.clusters.length = 0;
  let cStart = -1; // start of the open cluster
  let cDigits = 0;
  let cDots = 0;
  let sepRun = 0;
  let cEnd = 0;
  let cId = false; // the cluster follows an uppercase letter (NINO, HKID, NRIC)
  let dashRun = 0;
  let hexStart = -1; // hex/colon run
  let colons = 0;
  let dbl = false;
  let prevColon = false;
  let prev = 0; // previous char code

  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 0;
    // numeric clusters
    if (c >= 48 && c <= 57) {
      if (cStart < 0) {
        cStart = prev === 43 /* + */ || prev === 40 /* ( */ ? i - 1 : i;
        cDigits = 0;
        cDots = 0;
        cId = isUpper(prev) || (prev === 32 && i >= 2 && isUpper(s.charCodeAt(i - 2)));
        if (isUpper(prev) && i >= 2 && isUpper(s.charCodeAt(i - 2))) flags |= F_IBAN;
      }
      cDigits++;
      cEnd = i + 1;
      sepRun = 0;
    } else if (cStart >= 0) {
      if ((c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41) && sepRun < 2) {
        sepRun++;
        if (c === 46) cDots++;
      } else {
        if (cDigits >= MIN_CLUSTER_DIGITS) {
          out.clusters.push(cStart, cEnd, cDigits);
          flags |= F_NUM;
        }
        if (cDots >= 3) flags |= F_IPV4;
        if (cId && cDigits >= 6) flags |= F_ID;
        cStart = -1;
        sepRun = 0;
      }
    }
    if (i === n) break;

    // hex/colon runs (IPv6)
    if (c === 58 /* : */) {
      if (hexStart < 0) {
        hexStart = i;
        colons = 0;
        dbl = false;
      }
      colons++;
      if (prevColon) dbl = true;
      prevColon = true;
      flags |= F_KV;
      if (i + 2 < n && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47) flags |= F_URL;
    } else {
      prevColon = false;
      if (isHex(c)) {
        if (hexStart < 0) {
          hexStart = i;
          colons = 0;
          dbl = false;
        }
      } else if (hexStart >= 0) {
        if (dbl || colons >= 7) flags |= F_IPV6;
        hexStart = -1;
      }
    }

    if (c === 45 /* - */) {
      if (++dashRun >= 5) flags |= F_PEM;
    } else {
      dashRun = 0;
      if (c === 64) flags |= F_AT;
      else if (c === 61) flags |= F_KV;
      else if (c === 91) flags |= F_BRACKET;
      else if (!isWordCode(prev) && prev !== 45 && i + 2 < n) {
        // the start of a word: known secret prefixes
        const c1 = s.charCodeAt(i + 1);
        if (c === 65 /* A */) {
          if (c1 === 75 || c1 === 83 || c1 === 73 || c1 === 82 || c1 === 71 || c1 === 78 || c1 === 66 || c1 === 67 || c1 === 80) flags |= F_SECRET;
        } else if (c === 103 /* g */) {
          if (c1 === 104 || c1 === 105) flags |= F_SECRET; // gh…, github_pat_
        } else if (c === 115 || c === 114 /* s r */) {
          if (c1 === 107) flags |= F_SECRET;
        } else if (c === 120 /* x */) {
          if (c1 === 111) flags |= F_SECRET;
        } else if (c === 101 /* e */) {
          if (c1 === 121) flags |= F_SECRET;
        } else if (c === 66 || c === 98 /* B b */) {
          const c2 = s.charCodeAt(i + 2);
          if ((c1 === 101 && c2 === 97) || (c1 === 97 && c2 === 115)) flags |= F_AUTH;
        }
      }
    }
    prev = c;
  }
  if (hexStart >= 0 && (dbl || colons >= 7)) flags |= F_IPV6;
  out.flags = flags;
}
