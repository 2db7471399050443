import { diagnose, getConfig, REDACT_HASH_KEY_MIN, REDACT_TYPES, type RedactConfig, type RedactMode } from '@meridian/config';
import { typeName } from './internal/context.js';
import { KeyMatcher } from './internal/keys.js';
import { Masker, maskTokenEnd } from './internal/mask.js';
import { Scanner } from './internal/scanner.js';
import { walk, type WalkHooks } from './internal/walk.js';
import { WORK } from './internal/work.js';
import type { Finding, Redactor, RedactorOptions, RedactorStats } from './types.js';

export const ERR_REDACT_OPTION = 'MERIDIAN_ERR_REDACT_OPTION';
export const ERR_REDACT_FAILED = 'MERIDIAN_ERR_REDACT_FAILED';

/** Replacement for a string whose redaction failed internally: nothing of it is emitted. */
export const FAILED_MASK = '[REDACTED:error]';
/** Rounds of scan-and-replace per string; a second round only runs when the first changed something. */
const MAX_ROUNDS = 3;
/** Memo bounds: strings of 7 (shorter ones skip the detectors already) to 256 characters, 256 of them. */
const MEMO_MIN_LENGTH = 7;
const MEMO_MAX_LENGTH = 256;
const MEMO_CAPACITY = 256;

function resolveMode(mode: RedactMode, hashKey: string | undefined): RedactMode {
  if (mode !== 'hash') return mode;
  if (hashKey === undefined || hashKey.length < REDACT_HASH_KEY_MIN) {
    diagnose(
      ERR_REDACT_OPTION,
      `redaction mode "hash" needs a hash key of at least ${REDACT_HASH_KEY_MIN} characters (option hashKey or MERIDIAN_REDACT_HASH_KEY); unkeyed hashing is refused; using mask`,
    );
    return 'mask';
  }
  return mode;
}

class RedactorImpl implements Redactor {
  readonly enabled: boolean;
  readonly mode: RedactMode;
  readonly stats: RedactorStats = { strings: 0, findings: 0, failures: 0, phoneBudgetExceeded: 0 };
  private readonly keys: KeyMatcher;
  private readonly scanner: Scanner;
  private readonly masker: Masker;
  private readonly hooks: WalkHooks;
  /**
   * Recent strings in which the detectors found nothing: a repeat is returned as it is, without a scan
   * (counted in `stats.strings` as if scanned). Telemetry repeats such values on every request and twice
   * within one — the access line and the server span both carry the user agent, server address, route
   * and path — and a browser user agent is the costliest string of a request to scan. Only clean strings
   * are kept, so the memo never holds personal data or a secret the detectors recognised: what it holds
   * is exactly what leaves the process anyway. Results depend on the string alone; no memo (undefined)
   * with custom detectors, which are the caller's functions and may keep state. Small and bounded (256
   * strings of 7–256 characters, cleared when full).
   */
  private readonly memo: Set<string> | undefined;

  constructor(options: RedactorOptions, cfg: RedactConfig) {
    this.enabled = options.enabled ?? cfg.enabled;
    const hashKey = options.hashKey ?? cfg.hashKey;
    this.mode = resolveMode(options.mode ?? cfg.mode, hashKey);
    const accepted: readonly string[] = REDACT_TYPES;
    const disabled = new Set<string>(cfg.disabledTypes);
    for (const t of options.disable ?? []) {
      if (accepted.includes(t)) disabled.add(t);
      else
        diagnose(ERR_REDACT_OPTION, `option disable contains "${t}", which is not a redaction type; accepted: ${REDACT_TYPES.join(', ')}; ignoring that item`);
    }
    const on: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
    for (const t of REDACT_TYPES) on[t] = !disabled.has(t);
    this.keys = new KeyMatcher([...cfg.extraKeys, ...(options.extraKeys ?? [])]);
    this.scanner = new Scanner(on, this.keys, options.detectors ?? []);
    this.masker = new Masker(this.mode, hashKey);
    this.memo = (options.detectors ?? []).length === 0 ? new Set() : undefined;
    const maxDepth = options.maxDepth !== undefined && options.maxDepth >= 1 ? Math.floor(options.maxDepth) : 64;
    this.hooks = {
      redactString: (s) => this.redactString(s),
      maskField: (v) => this.maskField(v),
      keys: this.keys,
      maxDepth,
    };
  }

  redact<T>(value: T): T {
    if (!this.enabled) return value;
    if (typeof value === 'string') return this.redactString(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    try {
      return walk(value, this.hooks, 0, []) as T;
    } catch {
      this.stats.failures++;
      diagnose(ERR_REDACT_FAILED, 'redaction of an object failed internally; the value was replaced by "[REDACTED:error]"');
      return FAILED_MASK as T;
    }
  }

  scan(text: string): Finding[] {
    if (typeof text !== 'string') return [];
    try {
      const f = this.scanner.scan(text);
      const out: Finding[] = [];
      for (let i = 0; i < f.length; i += 3) out.push({ type: typeName(f[i]!), start: f[i + 1]!, end: f[i + 2]! });
      return out;
    } catch {
      this.stats.failures++;
      return [{ type: 'error', start: 0, end: text.length }];
    }
  }

  isSensitiveKey(key: string): boolean {
    return this.keys.isSensitiveField(key);
  }

  private redactText(s: string): string {
    let found = this.scanner.scan(s);
    if (found.length === 0) return s;
    let cur = s;
    for (let round = 1; ; round++) {
      cur = this.apply(cur, found);
      if (round === MAX_ROUNDS) break;
      found = this.scanner.scan(cur);
      if (found.length === 0) break;
    }
    return cur;
  }

  redactString(s: string): string {
    if (!this.enabled) return s;
    try {
      this.stats.strings++;
      const memo = this.memo;
      const memoable = memo !== undefined && s.length >= MEMO_MIN_LENGTH && s.length <= MEMO_MAX_LENGTH;
      if (memoable && memo.has(s)) return s;
      const phoneBefore = this.scanner.phoneBudgetExceeded;
      // Encoded text (percent escapes, form '+', \n \x22 …) is scanned in a decoded view by the scanner.
      const out = this.redactText(s); // the common case, nothing found: `s` itself, nothing allocated
      this.stats.phoneBudgetExceeded = this.scanner.phoneBudgetExceeded;
      // Kept only when nothing was found (and no phone candidate went unvalidated for lack of budget).
      if (memoable && out === s && this.scanner.phoneBudgetExceeded === phoneBefore) {
        if (memo.size >= MEMO_CAPACITY) memo.clear();
        memo.add(s);
      }
      return out;
    } catch {
      this.stats.failures++;
      diagnose(ERR_REDACT_FAILED, 'redaction of a string failed internally; the string was replaced by "[REDACTED:error]"');
      return FAILED_MASK;
    }
  }

  private apply(s: string, f: number[]): string {
    this.stats.findings += f.length / 3;
    WORK[0]! += s.length + f.length;
    const masker = this.masker;
    if (f.length <= 24) {
      let out = '';
      let pos = 0;
      for (let i = 0; i < f.length; i += 3) {
        const start = f[i + 1]!;
        const end = f[i + 2]!;
        out += s.slice(pos, start) + masker.replace(typeName(f[i]!), s.slice(start, end));
        pos = end;
      }
      return out + s.slice(pos);
    }
    // Many findings (huge inputs): one join instead of a deep string rope, which measured
    // super-linear (8 ms → 148 ms for 100 KB → 1 MB with 125k e-mails) when flattened.
    const parts: string[] = [];
    let pos = 0;
    for (let i = 0; i < f.length; i += 3) {
      const start = f[i + 1]!;
      const end = f[i + 2]!;
      parts.push(s.slice(pos, start), masker.replace(typeName(f[i]!), s.slice(start, end)));
      pos = end;
    }
    parts.push(s.slice(pos));
    return parts.join('');
  }

  private maskField(v: unknown): unknown {
    if (v === null || v === undefined || v === '') return v;
    if (typeof v === 'string') {
      if (maskTokenEnd(v, 0) === v.length) return v;
      const f = this.scanner.scan(v);
      const type = f.length === 3 && f[1] === 0 && f[2] === v.length ? typeName(f[0]!) : 'secret';
      this.stats.findings++;
      return this.masker.replace(type, v);
    }
    let text: string;
    try {
      text = typeof v === 'object' ? (JSON.stringify(v) ?? String(v)) : String(v);
    } catch {
      text = '[object]';
    }
    this.stats.findings++;
    return this.masker.replace('secret', text);
  }
}

/**
 * A redactor configured from `options`, then the environment (MERIDIAN_REDACT*, parsed by
 * @meridian/config), then the defaults. Build it once and reuse it: construction compiles the
 * detectors and key tables.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  return new RedactorImpl(options, (options.config ?? getConfig()).redact);
}
