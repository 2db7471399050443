/**
 * Decodes an ExportTraceServiceRequest (opentelemetry.proto.collector.trace.v1) from protobuf.
 *   ExportTraceServiceRequest: resource_spans 1
 *   ResourceSpans: resource 1, scope_spans 2, schema_url 3
 *   ScopeSpans: scope 1, spans 2, schema_url 3
 *   Span: trace_id 1, span_id 2, trace_state 3, parent_span_id 4, name 5, kind 6,
 *         start_time_unix_nano 7 (fixed64), end_time_unix_nano 8 (fixed64), attributes 9,
 *         dropped_attributes_count 10, events 11, dropped_events_count 12, links 13,
 *         dropped_links_count 14, status 15, flags 16 (fixed32)
 *   Span.Event: time_unix_nano 1 (fixed64), name 2, attributes 3, dropped_attributes_count 4
 *   Span.Link: trace_id 1, span_id 2, trace_state 3, attributes 4, dropped_attributes_count 5, flags 6
 *   Status: message 2, code 3 (field 1 is reserved)
 */
import type { DevAttributes, DevScope, DevSpan, DevSpanEvent, DevSpanLink, DevSpanStatus } from '../model.js';
import { decodeKeyValueInto, decodeResource, decodeScope, toHex } from './otlp-proto-common.js';
import { ProtobufReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.js';
import { finishSpan, type DecodedBatch, type SpanDraft } from './span-draft.js';

export function decodeTraceRequestProto(body: Uint8Array): DecodedBatch<DevSpan> {
  const batch: DecodedBatch<DevSpan> = { items: [], rejected: 0, rejectReason: '' };
  const r = new ProtobufReader(body);
  while (!r.done) {
    const tag = r.readTag();
    if (tag >>> 3 === 1) {
      r.expect(tag, WIRE_LEN, 'ExportTraceServiceRequest.resource_spans');
      decodeResourceSpans(r.readMessage(), batch);
    } else r.skip(tag & 7);
  }
  return batch;
}

function decodeResourceSpans(r: ProtobufReader, batch: DecodedBatch<DevSpan>): void {
  let resource: DevAttributes = {};
  const scopeSpans: ProtobufReader[] = [];
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'ResourceSpans.resource');
        resource = decodeResource(r.readMessage());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'ResourceSpans.scope_spans');
        scopeSpans.push(r.readMessage());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  // The resource may follow its scope_spans on the wire: decode those once it is known.
  for (const s of scopeSpans) decodeScopeSpans(s, resource, batch);
}

function decodeScopeSpans(r: ProtobufReader, resource: DevAttributes, batch: DecodedBatch<DevSpan>): void {
  let scope: DevScope = { name: '', version: '' };
  const spans: ProtobufReader[] = [];
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'ScopeSpans.scope');
        scope = decodeScope(r.readMessage());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'ScopeSpans.spans');
        spans.push(r.readMessage());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  for (const s of spans) finishSpan(decodeSpan(s), resource, scope, batch);
}

function decodeSpan(r: ProtobufReader): SpanDraft {
  const d: SpanDraft = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: '',
    kind: 0,
    start: 0n,
    end: 0n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: '' },
  };
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'Span.trace_id');
        d.traceId = toHex(r.readBytes());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'Span.span_id');
        d.spanId = toHex(r.readBytes());
        break;
      case 3:
        r.expect(tag, WIRE_LEN, 'Span.trace_state');
        d.traceState = r.readString();
        break;
      case 4:
        r.expect(tag, WIRE_LEN, 'Span.parent_span_id');
        d.parentSpanId = toHex(r.readBytes());
        break;
      case 5:
        r.expect(tag, WIRE_LEN, 'Span.name');
        d.name = r.readString();
        break;
      case 6:
        r.expect(tag, WIRE_VARINT, 'Span.kind');
        d.kind = r.readVarint32();
        break;
      case 7:
        r.expect(tag, WIRE_I64, 'Span.start_time_unix_nano');
        d.start = r.readFixed64();
        break;
      case 8:
        r.expect(tag, WIRE_I64, 'Span.end_time_unix_nano');
        d.end = r.readFixed64();
        break;
      case 9:
        r.expect(tag, WIRE_LEN, 'Span.attributes');
        decodeKeyValueInto(r.readMessage(), d.attributes);
        break;
      case 11:
        r.expect(tag, WIRE_LEN, 'Span.events');
        d.events.push(decodeEvent(r.readMessage()));
        break;
      case 13:
        r.expect(tag, WIRE_LEN, 'Span.links');
        d.links.push(decodeLink(r.readMessage()));
        break;
      case 15:
        r.expect(tag, WIRE_LEN, 'Span.status');
        d.status = decodeStatus(r.readMessage());
        break;
      case 16:
        r.expect(tag, WIRE_I32, 'Span.flags');
        d.flags = r.readFixed32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return d;
}

function decodeEvent(r: ProtobufReader): DevSpanEvent {
  const e: DevSpanEvent = { name: '', timeUnixNano: '0', attributes: {} };
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_I64, 'Span.Event.time_unix_nano');
        e.timeUnixNano = r.readFixed64().toString();
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'Span.Event.name');
        e.name = r.readString();
        break;
      case 3:
        r.expect(tag, WIRE_LEN, 'Span.Event.attributes');
        decodeKeyValueInto(r.readMessage(), e.attributes);
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return e;
}

function decodeLink(r: ProtobufReader): DevSpanLink {
  const l: DevSpanLink = { traceId: '', spanId: '', traceState: '', attributes: {} };
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'Span.Link.trace_id');
        l.traceId = toHex(r.readBytes());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'Span.Link.span_id');
        l.spanId = toHex(r.readBytes());
        break;
      case 3:
        r.expect(tag, WIRE_LEN, 'Span.Link.trace_state');
        l.traceState = r.readString();
        break;
      case 4:
        r.expect(tag, WIRE_LEN, 'Span.Link.attributes');
        decodeKeyValueInto(r.readMessage(), l.attributes);
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return l;
}

function decodeStatus(r: ProtobufReader): DevSpanStatus {
  const s: DevSpanStatus = { code: 0, message: '' };
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 2:
        r.expect(tag, WIRE_LEN, 'Status.message');
        s.message = r.readString();
        break;
      case 3:
        r.expect(tag, WIRE_VARINT, 'Status.code');
        s.code = r.readVarint32();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return s;
}
