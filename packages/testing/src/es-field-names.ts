/**
 * What Elasticsearch's document parser refuses in field names, for the test fakes. Written from
 * Elasticsearch 8.x `DocumentParser` (blank names), `DotExpandingXContentParser` (names with dots
 * become object paths; trailing empty parts are dropped, any other empty or blank part is refused)
 * and the metadata-field check on root fields. "Whitespace" is Java's `Character.isWhitespace`,
 * which `String.isBlank()` uses: not JavaScript's `\s` (it has U+001C–U+001F, and not U+00A0,
 * U+2007, U+202F or U+FEFF).
 */

/** Metadata fields of Elasticsearch 8.x (built in and common plugins), refused as root fields of a document. */
export const ES_METADATA_FIELDS: ReadonlySet<string> = new Set([
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
]);

function javaWhitespace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return true;
  if (c === 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200a)) return true;
  return c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

/** Java's String.isBlank(): empty or only whitespace. */
export function javaBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!javaWhitespace(s.charCodeAt(i))) return false;
  return true;
}

/** The reason Elasticsearch gives for refusing `name` (a key of an object at `root` or below), or undefined. */
function nameError(name: string, root: boolean, path: string): string | undefined {
  if (name === '') return 'field name cannot be an empty string';
  if (javaBlank(name)) return `Field name cannot contain only whitespace: [${path}]`;
  let first = name;
  if (name.includes('.')) {
    const parts = name.split('.');
    let size = parts.length;
    while (size > 0 && parts[size - 1] === '') size--;
    if (size === 0) return 'field name cannot contain only dots';
    for (let i = 0; i < size; i++) {
      if (parts[i] === '') return `field name cannot contain only whitespace: ['${name}']`;
      if (javaBlank(parts[i]!)) return `field name starting or ending with a [.] makes object resolution ambiguous: [${name}]`;
    }
    first = parts[0]!;
  }
  if (root && ES_METADATA_FIELDS.has(first)) {
    return `Field [${first}] is a metadata field and cannot be added inside a document. Use the index API request parameters.`;
  }
  return undefined;
}

/** The first field-name error in `value` (a parsed document), or undefined when Elasticsearch would take every name. */
export function fieldNameError(value: unknown, root = true, prefix = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const e = fieldNameError(v, false, prefix);
      if (e !== undefined) return e;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const k of Object.keys(value)) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    const e = nameError(k, root, path) ?? fieldNameError((value as Record<string, unknown>)[k], false, path);
    if (e !== undefined) return e;
  }
  return undefined;
}
