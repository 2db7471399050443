/**
 * Runs the detector families the prefilter allows, drops findings inside our own replacement
 * tokens, and merges overlapping findings (the union is masked, typed by the earliest finding).
 */
import type { CustomDetector } from '../types.js';
import { push, SECRET_ID, type ScanContext } from './context.js';
import { detectEmail } from './detect-email.js';
import { detectIpv4, detectIpv6, detectUrlCredentials } from './detect-net.js';
import { detectIban, detectIds } from './detect-ids.js';
import { detectCliFlags, detectKeyValues } from './detect-kv.js';
import { detectNumeric } from './detect-numeric.js';
import { detectAuthSchemes, detectPem, detectSecrets } from './detect-secrets.js';
import type { KeyMatcher } from './keys.js';
import { maskTokenEnd } from './mask.js';
import { escapeView, releaseScratch } from './escapes.js';
import {
  F_AT,
  F_AUTH,
  F_BRACKET,
  F_ESC,
  F_FLAG,
  F_IBAN,
  F_ID,
  F_IPV4,
  F_IPV6,
  F_KV,
  F_NUM,
  F_PEM,
  F_SECRET,
  F_URL,
  prefilter,
  type Prefiltered,
} from './prefilter.js';
import { indexOfCounted, WORK } from './work.js';

/** libphonenumber validations allowed per string before candidates are accepted unvalidated. */
export const PHONE_BUDGET = 24;

/** Shared empty result: never mutated. */
const NO_FINDINGS: number[] = [];

interface CompiledCustom {
  type: string;
  pattern: RegExp | undefined;
  validate: ((m: string) => boolean) | undefined;
  scan: CustomDetector['scan'];
}

export class Scanner {
  private readonly pf: Prefiltered = { flags: 0, clusters: [], count: 0 };
  private readonly custom: CompiledCustom[];
  private readonly maxYear = new Date().getUTCFullYear();
  phoneBudgetExceeded = 0;

  constructor(
    private readonly on: Readonly<Record<string, boolean>>,
    private readonly keys: KeyMatcher,
    custom: readonly CustomDetector[],
  ) {
    this.custom = custom.map((d) => ({
      type: d.type,
      pattern: d.pattern === undefined ? undefined : new RegExp(d.pattern.source, d.pattern.flags.includes('g') ? d.pattern.flags : d.pattern.flags + 'g'),
      validate: d.validate,
      scan: d.scan,
    }));
  }

  /**
   * Findings as flat triples (type id, start, end), sorted by position and non-overlapping; a fresh
   * array, except the shared empty one (do not mutate).
   */
  scan(s: string): number[] {
    return this.scanText(s, true);
  }

  /**
   * `escapes`: also scan the decoded view of encoded text (percent escapes, form '+', backslash
   * escapes) and map its findings back onto `s`. The view itself is scanned without a further view.
   */
  private scanText(s: string, escapes: boolean): number[] {
    const custom = this.custom;
    if (s.length < 7 && custom.length === 0) return NO_FINDINGS;
    const pf = this.pf;
    prefilter(s, pf);
    const flags = pf.flags;
    if ((flags & ~F_BRACKET) === 0 && custom.length === 0) return NO_FINDINGS;
    const on = this.on;
    const ctx: ScanContext = { s, found: [], phoneBudget: PHONE_BUDGET, phoneBudgetExceeded: 0, on, maxYear: this.maxYear };
    if (flags & F_PEM && on.private_key) detectPem(ctx);
    if (flags & F_URL && on.url_credentials) detectUrlCredentials(ctx);
    if (flags & F_SECRET) detectSecrets(ctx);
    if (flags & F_AUTH && on.authorization) detectAuthSchemes(ctx);
    if (flags & F_KV && (on.secret || on.authorization)) detectKeyValues(ctx, this.keys);
    if (flags & F_FLAG && on.secret) detectCliFlags(ctx, this.keys);
    if (flags & F_AT && on.email) detectEmail(ctx);
    if (flags & F_NUM) {
      const cl = pf.clusters.slice(0, pf.count);
      for (let k = 0; k < cl.length; k += 3) detectNumeric(ctx, cl[k]!, cl[k + 1]!);
    }
    if (flags & F_ID) detectIds(ctx);
    if (flags & F_IBAN && on.iban) detectIban(ctx);
    if (flags & F_IPV4 && on.ipv4) detectIpv4(ctx);
    if (flags & F_IPV6 && on.ipv6) detectIpv6(ctx);
    for (const d of custom) this.runCustom(d, ctx);
    this.phoneBudgetExceeded += ctx.phoneBudgetExceeded;
    const found = ctx.found;
    if (escapes && flags & F_ESC) {
      // After the raw detectors: the view's scan reuses the prefilter state.
      const view = escapeView(s);
      if (view !== undefined) {
        const starts = view.starts;
        const inner = this.scanText(view.text, false);
        for (let k = 0; k < inner.length; k += 3) found.push(inner[k]!, starts[inner[k + 1]!]!, starts[inner[k + 2]!]!);
        WORK[0]! += inner.length;
        releaseScratch();
      }
    }
    if (found.length === 0) return NO_FINDINGS;
    return merge(s, found, (flags & F_BRACKET) !== 0);
  }

  private runCustom(d: CompiledCustom, ctx: ScanContext): void {
    const s = ctx.s;
    try {
      if (d.scan !== undefined) {
        for (const r of d.scan(s)) {
          if (Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end <= s.length && r.start < r.end) {
            push(ctx, d.type, r.start, r.end);
          }
        }
      }
      const re = d.pattern;
      if (re !== undefined) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(s)) !== null) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          if (d.validate === undefined || d.validate(m[0])) push(ctx, d.type, m.index, m.index + m[0].length);
        }
      }
    } catch {
      // a throwing custom detector contributes nothing; the built-in findings still apply
    }
  }
}

function merge(s: string, f: number[], brackets: boolean): number[] {
  const n = f.length / 3;
  // Each detector pushes in position order: sort only when several interleave.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    const d = f[3 * (i - 1) + 1]! - f[3 * i + 1]!;
    if (d > 0 || (d === 0 && f[3 * (i - 1) + 2]! < f[3 * i + 2]!)) sorted = false;
  }
  if (!sorted) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) idx.push(i);
    idx.sort((a, b) => {
      WORK[0]!++;
      return f[3 * a + 1]! - f[3 * b + 1]! || f[3 * b + 2]! - f[3 * a + 2]!;
    });
    const copy = f.slice();
    for (let i = 0; i < n; i++) {
      f[3 * i] = copy[3 * idx[i]!]!;
      f[3 * i + 1] = copy[3 * idx[i]! + 1]!;
      f[3 * i + 2] = copy[3 * idx[i]! + 2]!;
    }
  }
  // replacement tokens from an earlier pass, as [start, end) pairs
  let tokens: number[] | undefined;
  if (brackets) {
    tokens = [];
    for (let i = indexOfCounted(s, '[', 0); i >= 0; i = indexOfCounted(s, '[', i + 1)) {
      const e = maskTokenEnd(s, i);
      if (e > 0) tokens.push(i, e);
    }
  }
  WORK[0]! += f.length;
  // compact in place
  let t = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const type = f[3 * i]!;
    const start = f[3 * i + 1]!;
    const end = f[3 * i + 2]!;
    if (tokens !== undefined && tokens.length > 0) {
      while (t < tokens.length && tokens[t + 1]! <= start) t += 2;
      if (t < tokens.length && tokens[t]! < end) continue; // overlaps a token
    }
    if (w > 0 && start < f[w - 1]!) {
      if (end > f[w - 1]!) f[w - 1] = end;
      if (f[w - 3] === SECRET_ID && type !== SECRET_ID) f[w - 3] = type; // the specific type names it better
      continue;
    }
    f[w++] = type;
    f[w++] = start;
    f[w++] = end;
  }
  f.length = w;
  return f;
}
