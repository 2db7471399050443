/**
 * ExportTraceServiceRequest (opentelemetry-proto v1.11.0, collector/trace/v1 and trace/v1) from a
 * resource and Span messages already encoded one by one (`encodeSpan`), grouped by scope:
 *   ExportTraceServiceRequest: resource_spans 1
 *   ResourceSpans: resource 1, scope_spans 2, schema_url 3      Resource: attributes 1
 *   ScopeSpans: scope 1, spans 2, schema_url 3
 *   InstrumentationScope: name 1, version 2, attributes 3
 * Every length is known before anything is written, so the request is written once, front to
 * back, into one buffer of the exact size (no length patching, no copying of spans but the one
 * into place).
 */
import { ProtobufWriter, varintSize, WIRE_LEN } from '../internal/protobuf-writer.js';
import { writeAttributes } from '../internal/any-value.js';
import { encodeSpan } from './encode-span.js';
import type { ResourceLike, SpanLike, SpanScopeLike } from './span-types.js';

/** A span as a queue holds it: its scope (for grouping) and its encoded `Span` message. */
export interface EncodedSpan {
  readonly scope: SpanScopeLike;
  readonly bytes: Uint8Array;
}

/** A resource encoded once (per process) and reused for every request. */
export interface EncodedResource {
  /** The `Resource` message. */
  readonly bytes: Uint8Array;
  /** `ResourceSpans.schema_url` ('' for none). */
  readonly schemaUrl: string;
}

/** Encode a resource's attributes as a `Resource` message, once. */
export function encodeResource(resource: ResourceLike): EncodedResource {
  const w = new ProtobufWriter(512);
  writeAttributes(w, 1, resource.attributes, 0);
  return { bytes: w.copy(), schemaUrl: resource.schemaUrl ?? '' };
}

interface ScopeGroup {
  /** The InstrumentationScope message. */
  scope: Uint8Array;
  schemaUrl: Uint8Array;
  spans: Uint8Array[];
  size: number;
}

function scopeKey(s: SpanScopeLike): string {
  const attrs = s.attributes === undefined ? '' : safeJson(s.attributes);
  return `${s.name}\u0000${s.version ?? ''}\u0000${s.schemaUrl ?? ''}\u0000${attrs}`;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

function encodeScope(s: SpanScopeLike): Uint8Array {
  const w = new ProtobufWriter(128);
  w.string(1, s.name ?? '');
  if (s.version) w.string(2, s.version);
  if (s.attributes !== undefined) writeAttributes(w, 3, s.attributes, 0);
  return w.copy();
}

function utf8(s: string): Uint8Array {
  return s === '' ? EMPTY : Buffer.from(s, 'utf8');
}

const EMPTY = new Uint8Array(0);

/** Size of a length-delimited field with a one-byte tag (every field number here is below 16). */
function fieldSize(len: number): number {
  return 1 + varintSize(len) + len;
}

function writeLen(w: ProtobufWriter, field: number, len: number): void {
  w.tag(field, WIRE_LEN);
  w.varint(len);
}

/**
 * One ExportTraceServiceRequest: one ResourceSpans for `resource`, one ScopeSpans per distinct
 * scope (name, version, schema URL, attributes) in first-seen order, spans in their given order
 * within each. An empty list gives an empty request (0 bytes, valid protobuf).
 */
export function assembleTraceRequest(resource: EncodedResource, spans: readonly EncodedSpan[]): Uint8Array {
  if (spans.length === 0) return EMPTY;
  const groups: ScopeGroup[] = [];
  // The SDK shares one scope object per tracer: look scopes up by identity first, and by value
  // only once per distinct object (spans reloaded from a spool carry copies).
  const byObject = new Map<SpanScopeLike, ScopeGroup>();
  const byKey = new Map<string, ScopeGroup>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    let g = byObject.get(s.scope);
    if (g === undefined) {
      const key = scopeKey(s.scope);
      g = byKey.get(key);
      if (g === undefined) {
        g = { scope: encodeScope(s.scope), schemaUrl: utf8(s.scope.schemaUrl ?? ''), spans: [], size: 0 };
        byKey.set(key, g);
        groups.push(g);
      }
      byObject.set(s.scope, g);
    }
    g.spans.push(s.bytes);
  }
  const resourceSchema = utf8(resource.schemaUrl);
  let rsSize = fieldSize(resource.bytes.length) + (resourceSchema.length > 0 ? fieldSize(resourceSchema.length) : 0);
  for (const g of groups) {
    let size = fieldSize(g.scope.length) + (g.schemaUrl.length > 0 ? fieldSize(g.schemaUrl.length) : 0);
    for (const b of g.spans) size += fieldSize(b.length);
    g.size = size;
    rsSize += fieldSize(size);
  }
  const total = fieldSize(rsSize);
  const w = new ProtobufWriter(total);
  writeLen(w, 1, rsSize);
  writeLen(w, 1, resource.bytes.length);
  w.raw(resource.bytes);
  for (const g of groups) {
    writeLen(w, 2, g.size);
    writeLen(w, 1, g.scope.length);
    w.raw(g.scope);
    for (const b of g.spans) {
      writeLen(w, 2, b.length);
      w.raw(b);
    }
    if (g.schemaUrl.length > 0) {
      writeLen(w, 3, g.schemaUrl.length);
      w.raw(g.schemaUrl);
    }
  }
  if (resourceSchema.length > 0) {
    writeLen(w, 3, resourceSchema.length);
    w.raw(resourceSchema);
  }
  return w.finish();
}

/** Spans and their resource straight to one ExportTraceServiceRequest (encodeSpan + assembleTraceRequest). */
export function encodeSpansProtobuf(spans: readonly SpanLike[], resource: ResourceLike | EncodedResource): Uint8Array {
  const res = 'bytes' in resource ? resource : encodeResource(resource);
  const encoded: EncodedSpan[] = new Array(spans.length);
  for (let i = 0; i < spans.length; i++) encoded[i] = { scope: spans[i]!.instrumentationScope, bytes: encodeSpan(spans[i]!) };
  return assembleTraceRequest(res, encoded);
}
