/**
 * A span as Meridian's transport queues it: one self-contained `ScopeSpans` message holding the
 * span's scope and the span itself (scope 1, spans 2, schema_url 3). Self-contained, so a span that
 * went through the disk spool and comes back after a restart still knows its scope. A batch is then
 * assembled into one ExportTraceServiceRequest, spans of equal scopes merged into one ScopeSpans.
 */
import { ProtobufWriter, varintSize, WIRE_LEN } from '../internal/protobuf-writer.js';
import { writeAttributes } from '../internal/any-value.js';
import { writeSpanMessage } from './encode-span.js';
import type { EncodedResource } from './trace-request.js';
import type { SpanLike, SpanScopeLike } from './span-types.js';

/** The scope's `scope` field (tag, length, InstrumentationScope) and `schema_url` field, encoded once per scope object. */
interface ScopeFields {
  readonly scope: Uint8Array;
  readonly schemaUrl: Uint8Array;
}

// The SDK shares one scope object per tracer: a WeakMap lookup per span, an encoding per tracer.
const scopes = new WeakMap<SpanScopeLike, ScopeFields>();
const shared = new ProtobufWriter(2048);

function scopeFields(s: SpanScopeLike): ScopeFields {
  let f = scopes.get(s);
  if (f === undefined) {
    const w = new ProtobufWriter(128);
    w.tag(1, WIRE_LEN);
    const m = w.fork();
    w.string(1, s.name ?? '');
    if (s.version) w.string(2, s.version);
    if (s.attributes !== undefined) writeAttributes(w, 3, s.attributes, 0);
    w.ldelim(m);
    const scope = w.copy();
    let schemaUrl: Uint8Array = EMPTY;
    if (s.schemaUrl) {
      const u = new ProtobufWriter(64);
      u.string(3, s.schemaUrl);
      schemaUrl = u.copy();
    }
    f = { scope, schemaUrl };
    scopes.set(s, f);
  }
  return f;
}

const EMPTY: Uint8Array = new Uint8Array(0);

/** One span → its queue entry bytes (a ScopeSpans message with this one span). Allocates only the result. */
export function encodeSpanEntry(span: SpanLike): Uint8Array {
  const f = scopeFields(span.instrumentationScope);
  const w = shared;
  w.reset();
  w.raw(f.scope);
  writeSpanMessage(w, 2, span);
  if (f.schemaUrl.length > 0) w.raw(f.schemaUrl);
  return w.copy();
}

/**
 * Where the parts of one entry are (tags included): the scope field, the span field, and the
 * schema_url field (empty range when absent). Module-level and reused: one allocation-free parse per entry.
 */
const parts = { scopeStart: 0, scopeEnd: 0, spanStart: 0, spanEnd: 0, schemaStart: 0, schemaEnd: 0 };

/** A varint at `p`; the position after it is left in `next` (-1 result: malformed). */
let next = 0;
function readVarint(b: Uint8Array, p: number): number {
  let n = 0;
  let mul = 1;
  for (let i = 0; i < 10 && p < b.length; i++) {
    const byte = b[p++]!;
    n += (byte & 0x7f) * mul;
    if (byte < 0x80) {
      next = p;
      return n;
    }
    mul *= 128;
  }
  return -1;
}

/**
 * Locate an entry's fields into `parts`; false when it is not what `encodeSpanEntry` writes (a
 * damaged or foreign record: the batch then skips it, counted).
 */
function locate(b: Uint8Array): boolean {
  let p = 0;
  parts.scopeStart = parts.scopeEnd = parts.spanStart = parts.spanEnd = parts.schemaStart = parts.schemaEnd = 0;
  let sawSpan = false;
  while (p < b.length) {
    const start = p;
    const tag = readVarint(b, p);
    if (tag < 0 || (tag & 7) !== WIRE_LEN) return false;
    const len = readVarint(b, next);
    if (len < 0 || next + len > b.length) return false;
    const end = next + len;
    const f = Math.floor(tag / 8);
    if (f === 1) {
      parts.scopeStart = start;
      parts.scopeEnd = end;
    } else if (f === 2) {
      parts.spanStart = start;
      parts.spanEnd = end;
      sawSpan = true;
    } else if (f === 3) {
      parts.schemaStart = start;
      parts.schemaEnd = end;
    }
    p = end;
  }
  return sawSpan;
}

interface Group {
  /** The scope field and schema_url field, as written in the entries of this group. */
  readonly scope: Uint8Array;
  readonly schema: Uint8Array;
  readonly spans: Uint8Array[];
  size: number;
}

function same(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[from + i]) return false;
  return true;
}

/**
 * One ExportTraceServiceRequest from queue entries: one ResourceSpans for `resource`, one ScopeSpans
 * per distinct scope in first-seen order, spans in their given order. Entries that cannot be read
 * are skipped and returned as `skipped` (indices). Scopes are compared byte for byte against the few
 * groups so far (a service has a handful of tracers): no key string is built per span.
 */
export function assembleTraceRequestFromEntries(resource: EncodedResource, entries: readonly Uint8Array[]): { body: Uint8Array; skipped: number[] } {
  const groups: Group[] = [];
  const skipped: number[] = [];
  let last: Group | undefined;
  for (let i = 0; i < entries.length; i++) {
    const b = entries[i]!;
    if (!locate(b)) {
      skipped.push(i);
      continue;
    }
    let g =
      last !== undefined && same(last.scope, b, parts.scopeStart, parts.scopeEnd) && same(last.schema, b, parts.schemaStart, parts.schemaEnd)
        ? last
        : undefined;
    if (g === undefined) {
      for (const c of groups) {
        if (same(c.scope, b, parts.scopeStart, parts.scopeEnd) && same(c.schema, b, parts.schemaStart, parts.schemaEnd)) {
          g = c;
          break;
        }
      }
    }
    if (g === undefined) {
      const scope = b.slice(parts.scopeStart, parts.scopeEnd);
      const schema = b.slice(parts.schemaStart, parts.schemaEnd);
      g = { scope, schema, spans: [], size: scope.length + schema.length };
      groups.push(g);
    }
    last = g;
    const span = b.subarray(parts.spanStart, parts.spanEnd);
    g.spans.push(span);
    g.size += span.length;
  }
  if (groups.length === 0) return { body: EMPTY, skipped };
  const resourceSchema = resource.schemaUrl === '' ? EMPTY : Buffer.from(resource.schemaUrl, 'utf8');
  let rsSize = field(resource.bytes.length) + (resourceSchema.length > 0 ? field(resourceSchema.length) : 0);
  for (const g of groups) rsSize += field(g.size);
  const w = new ProtobufWriter(field(rsSize));
  len(w, 1, rsSize);
  len(w, 1, resource.bytes.length);
  w.raw(resource.bytes);
  for (const g of groups) {
    len(w, 2, g.size);
    w.raw(g.scope);
    for (const s of g.spans) w.raw(s);
    if (g.schema.length > 0) w.raw(g.schema);
  }
  if (resourceSchema.length > 0) {
    len(w, 3, resourceSchema.length);
    w.raw(resourceSchema);
  }
  return { body: w.finish(), skipped };
}

/** Size of a length-delimited field with a one-byte tag (field numbers here are below 16). */
function field(n: number): number {
  return 1 + varintSize(n) + n;
}

function len(w: ProtobufWriter, f: number, n: number): void {
  w.tag(f, WIRE_LEN);
  w.varint(n);
}
