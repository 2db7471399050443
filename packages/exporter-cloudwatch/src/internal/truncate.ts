/**
 * Oversize records. A Meridian line is one JSON object; cutting it in the middle would leave text
 * no log query can parse, and splitting it over several events would do the same to each part. So
 * a line longer than the limit is rewritten as a still-valid JSON object: its largest fields are
 * shortened (strings keep their head and end with TRUNCATION_MARKER; other values become a marker
 * string) and `meridian_truncated` records the original size in bytes. Small fields (timestamp,
 * level, service, trace_id, span_id, ...) are kept as they were.
 */

export const TRUNCATION_MARKER = '…[truncated by meridian]';
export const TRUNCATED_FIELD = 'meridian_truncated';

const MARKER_BYTES = Buffer.byteLength(JSON.stringify(TRUNCATION_MARKER));

/** Shorten `s` to about `keep` UTF-16 units without splitting a surrogate pair. */
function head(s: string, keep: number): string {
  if (keep <= 0) return '';
  let end = Math.min(keep, s.length);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/** The largest field by serialized size (the truncation field itself excluded). */
function largest(obj: Record<string, unknown>): { key: string; bytes: number } | undefined {
  let best: { key: string; bytes: number } | undefined;
  for (const k of Object.keys(obj)) {
    if (k === TRUNCATED_FIELD) continue;
    const v = obj[k];
    const bytes = Buffer.byteLength(JSON.stringify(v) ?? '');
    if (best === undefined || bytes > best.bytes) best = { key: k, bytes };
  }
  return best;
}

/**
 * `line` if it is at most `maxBytes` UTF-8 bytes, else a valid JSON object of at most `maxBytes`
 * bytes carrying the marker. Lines that are not JSON objects become `{"message": head…marker}`.
 */
export function truncateLine(line: string, maxBytes: number): string {
  const size = Buffer.byteLength(line);
  if (size <= maxBytes) return line;
  let obj: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    obj = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { message: line };
  } catch {
    obj = { message: line };
  }
  obj[TRUNCATED_FIELD] = size;
  // Each round shortens the largest field by at least the excess: two or three rounds in practice.
  for (let round = 0; round < 64; round++) {
    const text = JSON.stringify(obj);
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes) return text;
    const big = largest(obj);
    if (big === undefined) break;
    const v = obj[big.key];
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    const budget = big.bytes - (bytes - maxBytes) - MARKER_BYTES - 16;
    // keep a share of the characters proportional to the byte budget (escapes and multi-byte
    // characters make bytes ≠ characters; the next round corrects any overshoot)
    const keep = budget <= 0 ? 0 : Math.floor((s.length * budget) / big.bytes);
    obj[big.key] = head(s, keep) + TRUNCATION_MARKER;
  }
  // Unreachable for sane limits; never send an oversize event.
  return JSON.stringify({ [TRUNCATED_FIELD]: size, message: TRUNCATION_MARKER });
}
