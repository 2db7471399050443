/**
 * One finished span → one `opentelemetry.proto.trace.v1.Span` message (opentelemetry-proto v1.11.0,
 * trace/v1/trace.proto), for a queue that holds spans one by one; `assembleTraceRequest` puts
 * the messages of a batch into an ExportTraceServiceRequest.
 *   Span: trace_id 1, span_id 2, trace_state 3, parent_span_id 4, name 5, kind 6,
 *         start_time_unix_nano 7 (fixed64), end_time_unix_nano 8 (fixed64), attributes 9,
 *         dropped_attributes_count 10, events 11, dropped_events_count 12, links 13,
 *         dropped_links_count 14, status 15, flags 16 (fixed32)
 *   Span.Event: time_unix_nano 1 (fixed64), name 2, attributes 3, dropped_attributes_count 4
 *   Span.Link: trace_id 1, span_id 2, trace_state 3, attributes 4, dropped_attributes_count 5, flags 6 (fixed32)
 *   Status: message 2, code 3
 * Flags (SpanFlags): bits 0-7 the W3C trace flags; bit 8 HAS_IS_REMOTE (0x100) says bit 9
 * IS_REMOTE (0x200) is known — whether the span's parent (for a link: the linked span) is remote.
 * A span this process made always knows it: a root has no remote parent.
 */
import { ProtobufWriter, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from '../internal/protobuf-writer.js';
import { writeAttributes } from '../internal/any-value.js';
import type { HrTimeLike, SpanContextLike, SpanLike } from './span-types.js';

export const SPAN_FLAGS_TRACE_FLAGS_MASK = 0xff;
export const SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK = 0x100;
export const SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK = 0x200;

const TWO_32 = 2 ** 32;

/**
 * One writer for every span: its buffer grows to the largest span seen and is then reused, so
 * encoding allocates only the returned copy (and whatever the span's own getters allocate).
 * Encoding is synchronous, so nothing else can use the writer meanwhile.
 */
const shared = new ProtobufWriter(1024);

/** `[seconds, nanos]` as a fixed64 of nanoseconds, without BigInt (two exact uint32 halves). */
function writeHrTime(w: ProtobufWriter, field: number, t: HrTimeLike): void {
  w.tag(field, WIRE_I64);
  const s = Math.trunc(t[0]);
  const n = Math.trunc(t[1]);
  if (!(s >= 0 && s < TWO_32 && n >= 0 && n < TWO_32)) {
    // not a time (or before 1970, which fixed64 cannot hold): zero, as the SDK would send an unset time
    w.fixed32(0);
    w.fixed32(0);
    return;
  }
  // s·1e9 + n = (a·1e9)·2^16 + (b·1e9 + n) with s = a·2^16 + b; every product stays below 2^53.
  const a = Math.floor(s / 65536);
  const b = s - a * 65536;
  const x = a * 1e9; // < 2^46
  const xHi = Math.floor(x / 65536);
  const z = (x - xHi * 65536) * 65536 + b * 1e9 + n; // < 2^48
  const carry = Math.floor(z / TWO_32);
  w.fixed32(z - carry * TWO_32);
  w.fixed32(xHi + carry);
}

/**
 * A trace or span id from hex. An id that is not `2 × bytes` hex digits (never from the SDK) is
 * written zero-padded so the message stays well-formed; a collector then rejects that one span.
 */
function writeId(w: ProtobufWriter, field: number, hex: string, bytes: number): void {
  const valid = typeof hex === 'string' && hex.length === bytes * 2;
  w.hexBytes(field, valid ? hex : '00'.repeat(bytes));
}

function flagsOf(ctx: SpanContextLike | undefined, traceFlags: number): number {
  let flags = (traceFlags & SPAN_FLAGS_TRACE_FLAGS_MASK) | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK;
  if (ctx !== undefined && ctx.isRemote === true) flags |= SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK;
  return flags;
}

function writeCount(w: ProtobufWriter, field: number, n: number | undefined): void {
  if (n === undefined || !(n > 0)) return;
  w.tag(field, WIRE_VARINT);
  w.varint(Math.min(Math.trunc(n), 0xffffffff));
}

function writeSpanBody(w: ProtobufWriter, span: SpanLike): void {
  const ctx = span.spanContext();
  writeId(w, 1, ctx.traceId, 16);
  writeId(w, 2, ctx.spanId, 8);
  const ts = ctx.traceState?.serialize();
  if (ts) w.string(3, ts);
  const parent = span.parentSpanContext;
  if (parent !== undefined && parent.spanId) writeId(w, 4, parent.spanId, 8);
  w.string(5, span.name);
  const kind = typeof span.kind === 'number' && span.kind >= 0 && span.kind <= 4 ? span.kind + 1 : 0;
  if (kind !== 0) {
    w.tag(6, WIRE_VARINT);
    w.varint(kind);
  }
  writeHrTime(w, 7, span.startTime);
  writeHrTime(w, 8, span.endTime);
  writeAttributes(w, 9, span.attributes, 0);
  writeCount(w, 10, span.droppedAttributesCount);
  const events = span.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    w.tag(11, WIRE_LEN);
    const m = w.fork();
    writeHrTime(w, 1, e.time);
    w.string(2, e.name);
    if (e.attributes !== undefined) writeAttributes(w, 3, e.attributes, 0);
    writeCount(w, 4, e.droppedAttributesCount);
    w.ldelim(m);
  }
  writeCount(w, 12, span.droppedEventsCount);
  const links = span.links;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const lc = l.context;
    w.tag(13, WIRE_LEN);
    const m = w.fork();
    writeId(w, 1, lc.traceId, 16);
    writeId(w, 2, lc.spanId, 8);
    const lts = lc.traceState?.serialize();
    if (lts) w.string(3, lts);
    if (l.attributes !== undefined) writeAttributes(w, 4, l.attributes, 0);
    writeCount(w, 5, l.droppedAttributesCount);
    w.tag(6, WIRE_I32);
    w.fixed32(flagsOf(lc, lc.traceFlags));
    w.ldelim(m);
  }
  writeCount(w, 14, span.droppedLinksCount);
  const status = span.status;
  if (status !== undefined && (status.code !== 0 || status.message)) {
    w.tag(15, WIRE_LEN);
    const m = w.fork();
    if (status.message) w.string(2, status.message);
    if (status.code === 1 || status.code === 2) {
      w.tag(3, WIRE_VARINT);
      w.varint(status.code);
    }
    w.ldelim(m);
  }
  w.tag(16, WIRE_I32);
  w.fixed32(flagsOf(parent, ctx.traceFlags));
}

/**
 * One span as the bytes of an OTLP `Span` message (without a tag or length in front: the
 * assembler adds them). Synchronous and allocation-light: the only allocation is the returned
 * buffer, from Node's shared pool when under 4 KiB.
 */
export function encodeSpan(span: SpanLike): Uint8Array {
  const w = shared;
  w.reset();
  writeSpanBody(w, span);
  return w.copy();
}

/** Write a span straight into `w` as a length-delimited message in `field` (ScopeSpans.spans is 2): the transport's span entries. */
export function writeSpanMessage(w: ProtobufWriter, field: number, span: SpanLike): void {
  w.tag(field, WIRE_LEN);
  const m = w.fork();
  writeSpanBody(w, span);
  w.ldelim(m);
}
