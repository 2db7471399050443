/**
 * Runs the detector families the prefilter allows, drops findings inside our own replacement
 * tokens, and merges overlapping findings (the union is masked, typed by the earliest finding).
 */
import type { CustomDetector, Finding } from '../types.js';
import type { ScanContext } from './context.js';
import { detectEmail, detectIpv4, detectIpv6, detectUrlCredentials } from './detect-net.js';
import { detectIban, detectIds } from './detect-ids.js';
import { detectKeyValues } from './detect-kv.js';
import { detectNumeric } from './detect-numeric.js';
import { detectAuthSchemes, detectPem, detectSecrets } from './detect-secrets.js';
import type { KeyMatcher } from './keys.js';
import { maskTokenEnd } from './mask.js';
import {
  F_AT, F_AUTH, F_BRACKET, F_IBAN, F_ID, F_IPV4, F_IPV6, F_KV, F_NUM, F_PEM, F_SECRET, F_URL, prefilter, type Prefiltered,
} from './prefilter.js';

/** libphonenumber validations allowed per string before candidates are accepted unvalidated. */
export const PHONE_BUDGET = 24;

const NO_FINDINGS: Finding[] = [];

interface CompiledCustom {
  type: string;
  pattern: RegExp | undefined;
  validate: ((m: string) => boolean) | undefined;
  scan: CustomDetector['scan'];
}

function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end;
}

export class Scanner {
  private readonly pf: Prefiltered = { flags: 0, clusters: [] };
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

  /** Findings sorted by position and non-overlapping. The returned empty array is shared: do not mutate. */
  scan(s: string): Finding[] {
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
    if (flags & F_AT && on.email) detectEmail(ctx);
    if (flags & F_NUM) {
      const cl = pf.clusters.slice();
      for (let k = 0; k < cl.length; k += 3) detectNumeric(ctx, cl[k]!, cl[k + 1]!);
    }
    if (flags & F_ID) detectIds(ctx);
    if (flags & F_IBAN && on.iban) detectIban(ctx);
    if (flags & F_IPV4 && on.ipv4) detectIpv4(ctx);
    if (flags & F_IPV6 && on.ipv6) detectIpv6(ctx);
    for (const d of custom) this.runCustom(d, ctx);
    this.phoneBudgetExceeded += ctx.phoneBudgetExceeded;
    const found = ctx.found;
    if (found.length === 0) return NO_FINDINGS;
    return merge(s, found, (flags & F_BRACKET) !== 0);
  }

  private runCustom(d: CompiledCustom, ctx: ScanContext): void {
    const s = ctx.s;
    try {
      if (d.scan !== undefined) {
        for (const r of d.scan(s)) {
          if (Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end <= s.length && r.start < r.end) {
            ctx.found.push({ type: d.type, start: r.start, end: r.end });
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
          if (d.validate === undefined || d.validate(m[0])) ctx.found.push({ type: d.type, start: m.index, end: m.index + m[0].length });
        }
      }
    } catch {
      // a throwing custom detector contributes nothing; the built-in findings still apply
    }
  }
}

function merge(s: string, found: Finding[], brackets: boolean): Finding[] {
  // Detectors push in position order; sort only when several interleave (keeps 1 MB inputs with
  // 100k+ findings linear: the n log n sort was the measured super-linear part).
  let sorted = true;
  for (let i = 1; i < found.length && sorted; i++) if (byPosition(found[i - 1]!, found[i]!) > 0) sorted = false;
  if (!sorted) found.sort(byPosition);
  const out: Finding[] = [];
  // replacement tokens from an earlier pass, as [start, end) pairs
  let tokens: number[] | undefined;
  if (brackets) {
    tokens = [];
    for (let i = s.indexOf('['); i >= 0; i = s.indexOf('[', i + 1)) {
      const e = maskTokenEnd(s, i);
      if (e > 0) tokens.push(i, e);
    }
  }
  let t = 0;
  for (const f of found) {
    if (tokens !== undefined && tokens.length > 0) {
      while (t < tokens.length && tokens[t + 1]! <= f.start) t += 2;
      if (t < tokens.length && tokens[t]! < f.end) continue; // overlaps a token
    }
    const last = out.length > 0 ? out[out.length - 1]! : undefined;
    if (last !== undefined && f.start < last.end) {
      if (f.end > last.end) last.end = f.end;
      if (last.type === 'secret' && f.type !== 'secret') last.type = f.type; // the specific type names it better
      continue;
    }
    out.push({ type: f.type, start: f.start, end: f.end });
  }
  return out;
}
