/**
 * Field names Elasticsearch's document parser accepts (8.x `DocumentParser` and
 * `DotExpandingXContentParser`; the rules have held since 5.x):
 * - a name may not be empty ("field name cannot be an empty string") nor only whitespace
 *   ("Field name cannot contain only whitespace");
 * - a name with dots is an object path: a part between dots may not be empty or only whitespace
 *   (`.a`, `a..b`, `a. .b` are refused; trailing empty parts, as in `a.`, are dropped by Elasticsearch
 *   and accepted), and a name of dots only is refused;
 * - a root field may not be a metadata field (`_id`, `_index`, `_source`, …; nor start a dotted
 *   path with one).
 * One such name refuses the whole document (400 document_parsing_exception): the record is lost.
 *
 * "Whitespace" here is JavaScript's `\s` plus U+001C–U+001F: a superset of the Java whitespace
 * Elasticsearch tests, so a name is only ever renamed more often than needed, never less.
 */

/** Metadata fields of Elasticsearch 8.x (built in, and the mapper-size / ML plugins), plus names older versions reserved. */
const METADATA = new Set([
  '_id',
  '_index',
  '_routing',
  '_source',
  '_ignored',
  '_ignored_source',
  '_seq_no',
  '_primary_term',
  '_version',
  '_data_stream_timestamp',
  '_field_names',
  '_tier',
  '_feature',
  '_tsid',
  '_ts_routing_hash',
  '_nested_path',
  '_size',
  '_doc_count',
  '_type',
  '_uid',
  '_parent',
  '_all',
  '_timestamp',
  '_ttl',
]);

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Empty or only whitespace, within s[from, to). */
function blank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Is `name` a field name Elasticsearch accepts as a key of an object (`root`: of the document
 * itself)?
 */
export function isAcceptedFieldName(name: string, root: boolean): boolean {
  return acceptedRange(name, 0, name.length, root);
}

/**
 * The same test on `s[from, to)`, allocation-free unless the name starts with `_` at the root:
 * it runs for every key of every line in the `meridian` Logstash format.
 */
export function acceptedRange(s: string, from: number, to: number, root: boolean): boolean {
  if (to === from) return false;
  let end = to;
  while (end > from && s.charCodeAt(end - 1) === 0x2e) end--; // trailing dots: Elasticsearch drops the empty parts
  if (end === from) return false; // dots only
  let start = from;
  let onlySpace = true;
  for (let i = from; i <= end; i++) {
    const c = i === end ? 0x2e : s.charCodeAt(i);
    if (c !== 0x2e) {
      if (onlySpace && !isSpace(c)) onlySpace = false;
      continue;
    }
    if (onlySpace) return false; // an empty or whitespace-only part
    if (start === from && root && s.charCodeAt(from) === 0x5f && METADATA.has(s.slice(from, i))) return false;
    start = i + 1;
    onlySpace = true;
  }
  return true;
}

/**
 * `name` made acceptable: every empty or whitespace-only part (between dots, or the whole name)
 * becomes `_`, and a root name that is, or starts with, a metadata field gets one more leading
 * `_` (`_id` → `__id`). Returns `name` itself when it is already accepted.
 */
export function acceptedFieldName(name: string, root: boolean): string {
  if (isAcceptedFieldName(name, root)) return name;
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 0x2e) end--;
  // dots only ("", "..") are fixed part by part; otherwise trailing dots stay (Elasticsearch accepts them)
  const parts = (end === 0 ? name : name.slice(0, end)).split('.');
  for (let i = 0; i < parts.length; i++) if (blank(parts[i]!, 0, parts[i]!.length)) parts[i] = '_';
  if (root && METADATA.has(parts[0]!)) parts[0] = '_' + parts[0];
  return parts.join('.') + (end === 0 ? '' : name.slice(end));
}

/** ECS logging: label keys may not contain '.', '*' or '\'. */
const LABEL_UNSAFE = /[.*\\]/g;

/**
 * A label key: `.`, `*`, `\` become `_` (ECS logging), and an empty or whitespace-only key
 * becomes `_` (Elasticsearch). Labels are flat, so no dot survives to make a path.
 */
export function labelKey(key: string): string {
  const k = key.replace(LABEL_UNSAFE, '_');
  return blank(k, 0, k.length) ? '_' : k;
}

/**
 * `key`, or when `taken(key)` the first of `key_2`, `key_3`, … that is free: two caller fields
 * whose names become the same after sanitising both keep their values.
 */
export function freeKey(key: string, taken: (k: string) => boolean): string {
  if (!taken(key)) return key;
  for (let n = 2; ; n++) {
    const k = `${key}_${n}`;
    if (!taken(k)) return k;
  }
}
