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

/** Where the parts of one entry are: [scopeStart, scopeEnd) is the scope field, [spanStart, spanEnd) the span field (with tags). */
interface Parts {
  scopeKey: string;
  spanStart: number;
  spanEnd: number;
}

function readVarint(b: Uint8Array, p: number): [number, number] {
  let n = 0;
  let mul = 1;
  for (let i = 0; i < 10 && p < b.length; i++) {
    const byte = b[p++]!;
    n += (byte & 0x7f) * mul;
    if (byte < 0x80) return [n, p];
    mul *= 128;
  }
  return [-1, p];
}

/**
 * Split an entry into its scope (+ schema_url) and span fields; undefined when it is not what
 * `encodeSpanEntry` writes (a damaged or foreign record: the batch then drops it, counted).
 */
function partsOf(b: Uint8Array): Parts | undefined {
  let p = 0;
  let scopeKey = '';
  let spanStart = -1;
  let spanEnd = -1;
  while (p < b.length) {
    const start = p;
    const [tag, q] = readVarint(b, p);
    if (tag < 0 || (tag & 7) !== WIRE_LEN) return undefined;
    const [len, r] = readVarint(b, q);
    if (len < 0 || r + len > b.length) return undefined;
    const field = Math.floor(tag / 8);
    if (field === 2) {
      spanStart = start;
      spanEnd = r + len;
    } else {
      scopeKey += Buffer.from(b.buffer, b.byteOffset + start, r + len - start).toString('latin1');
    }
    p = r + len;
  }
  return spanStart < 0 ? undefined : { scopeKey, spanStart, spanEnd };
}

interface Group {
  readonly head: Uint8Array;
  readonly spans: Uint8Array[];
  size: number;
}

/**
 * One ExportTraceServiceRequest from queue entries: one ResourceSpans for `resource`, one ScopeSpans
 * per distinct scope in first-seen order, spans in their given order. Entries that cannot be read
 * are skipped and returned as `skipped` (indices).
 */
export function assembleTraceRequestFromEntries(resource: EncodedResource, entries: readonly Uint8Array[]): { body: Uint8Array; skipped: number[] } {
  const groups = new Map<string, Group>();
  const skipped: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const b = entries[i]!;
    const parts = partsOf(b);
    if (parts === undefined) {
      skipped.push(i);
      continue;
    }
    let g = groups.get(parts.scopeKey);
    if (g === undefined) {
      g = { head: Buffer.from(parts.scopeKey, 'latin1'), spans: [], size: 0 };
      g.size = g.head.length;
      groups.set(parts.scopeKey, g);
    }
    const span = b.subarray(parts.spanStart, parts.spanEnd);
    g.spans.push(span);
    g.size += span.length;
  }
  if (groups.size === 0) return { body: EMPTY, skipped };
  const resourceSchema = resource.schemaUrl === '' ? EMPTY : Buffer.from(resource.schemaUrl, 'utf8');
  let rsSize = field(resource.bytes.length) + (resourceSchema.length > 0 ? field(resourceSchema.length) : 0);
  for (const g of groups.values()) rsSize += field(g.size);
  const w = new ProtobufWriter(field(rsSize));
  len(w, 1, rsSize);
  len(w, 1, resource.bytes.length);
  w.raw(resource.bytes);
  for (const g of groups.values()) {
    len(w, 2, g.size);
    w.raw(g.head);
    for (const s of g.spans) w.raw(s);
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
