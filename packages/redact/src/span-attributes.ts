/**
 * Span attributes for a redacting span processor. `url.full` and `url.query` follow the
 * OpenTelemetry semantic conventions: userinfo becomes `REDACTED:REDACTED@`, and values of
 * sensitive query parameters become `REDACTED` (the spec's AWSAccessKeyId, Signature, sig,
 * X-Goog-Signature, plus every sensitive key name of the redactor). Everything else goes through
 * `redactor.redact` (content detectors on strings, key-based masking on attribute names).
 */
import type { Redactor } from './types.js';

const OTEL_QUERY_KEYS = new Set(['awsaccesskeyid', 'signature', 'sig', 'xgoogsignature']);

function decodeKey(k: string): string {
  try {
    return decodeURIComponent(k.replace(/\+/g, ' '));
  } catch {
    return k;
  }
}

function sensitiveQueryKey(k: string, redactor: Redactor): boolean {
  const d = decodeKey(k);
  return OTEL_QUERY_KEYS.has(d.toLowerCase().replace(/[-_]/g, '')) || redactor.isSensitiveKey(d);
}

/** A query string without its '?': `a=1&token=x` → `a=1&token=REDACTED`. */
export function redactQueryString(query: string, redactor: Redactor): string {
  if (query === '') return query;
  const parts = query.split('&');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    if (p.slice(eq + 1) !== 'REDACTED' && sensitiveQueryKey(p.slice(0, eq), redactor)) {
      parts[i] = p.slice(0, eq + 1) + 'REDACTED';
      changed = true;
    }
  }
  // Values are percent-encoded (`receipt=ana%40example.com`): redact() decodes such runs before scanning.
  return redactor.redact(changed ? parts.join('&') : query);
}

/** A full URL: userinfo → `REDACTED:REDACTED@`, sensitive query values → `REDACTED`, then content redaction. */
export function redactUrl(url: string, redactor: Redactor): string {
  let out = url;
  const scheme = out.indexOf('://');
  if (scheme > 0) {
    const authStart = scheme + 3;
    let authEnd = out.length;
    for (const ch of ['/', '?', '#']) {
      const i = out.indexOf(ch, authStart);
      if (i >= 0 && i < authEnd) authEnd = i;
    }
    const at = out.lastIndexOf('@', authEnd - 1);
    if (at >= authStart) out = out.slice(0, authStart) + 'REDACTED:REDACTED' + out.slice(at);
  }
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const end = hash < 0 ? out.length : hash;
    const query = out.slice(q + 1, end);
    const red = redactQueryString(query, redactor);
    if (red !== query) return redactor.redact(out.slice(0, q + 1)) + red + redactor.redact(out.slice(end));
  }
  return redactor.redact(out);
}

/** A redacted copy of span (or event) attributes. The input is not mutated. */
export function redactSpanAttributes<T extends Record<string, unknown>>(attributes: T, redactor: Redactor): T {
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(attributes)) if (k !== 'url.full' && k !== 'url.query') rest[k] = attributes[k];
  const out = redactor.redact(rest);
  const full = attributes['url.full'];
  if (full !== undefined) out['url.full'] = typeof full === 'string' ? redactUrl(full, redactor) : redactor.redact(full);
  const query = attributes['url.query'];
  if (query !== undefined) out['url.query'] = typeof query === 'string' ? redactQueryString(query, redactor) : redactor.redact(query);
  // keep the caller's key order
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(attributes)) ordered[k] = out[k];
  return ordered as T;
}
