/** Decodes an ExportTraceServiceRequest from its OTLP/JSON form. */
import type { DevSpan, DevSpanEvent, DevSpanLink, DevSpanStatus } from '../model.js';
import {
  asArray,
  asEnum,
  asId,
  asInt64,
  asObject,
  asString,
  decodeKeyValuesJson,
  decodeResourceJson,
  decodeScopeJson,
  field,
  parseJsonBody,
} from './otlp-json-common.js';
import { finishSpan, type DecodedBatch, type SpanDraft } from './span-draft.js';

const KIND_NAMES = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

export function decodeTraceRequestJson(body: Uint8Array): DecodedBatch<DevSpan> {
  const batch: DecodedBatch<DevSpan> = { items: [], rejected: 0, rejectReason: '' };
  const root = parseJsonBody(body);
  const resourceSpans = asArray(field(root, 'resourceSpans', 'resource_spans'), 'resourceSpans');
  resourceSpans.forEach((rsv, i) => {
    const p = `resourceSpans[${i}]`;
    const rs = asObject(rsv, p);
    if (rs === undefined) return;
    const resource = decodeResourceJson(rs.resource, `${p}.resource`);
    asArray(field(rs, 'scopeSpans', 'scope_spans'), `${p}.scopeSpans`).forEach((ssv, j) => {
      const q = `${p}.scopeSpans[${j}]`;
      const ss = asObject(ssv, q);
      if (ss === undefined) return;
      const scope = decodeScopeJson(ss.scope, `${q}.scope`);
      asArray(ss.spans, `${q}.spans`).forEach((sv, k) => {
        const s = asObject(sv, `${q}.spans[${k}]`);
        if (s !== undefined) finishSpan(decodeSpanJson(s, `${q}.spans[${k}]`), resource, scope, batch);
      });
    });
  });
  return batch;
}

function decodeSpanJson(s: Record<string, unknown>, p: string): SpanDraft {
  const d: SpanDraft = {
    traceId: asId(field(s, 'traceId', 'trace_id'), `${p}.traceId`, 16),
    spanId: asId(field(s, 'spanId', 'span_id'), `${p}.spanId`, 8),
    parentSpanId: asId(field(s, 'parentSpanId', 'parent_span_id'), `${p}.parentSpanId`, 8),
    traceState: asString(field(s, 'traceState', 'trace_state'), `${p}.traceState`),
    flags: Number(asInt64(s.flags, `${p}.flags`) & 0xffffffffn),
    name: asString(s.name, `${p}.name`),
    kind: asEnum(s.kind, `${p}.kind`, KIND_NAMES),
    start: asInt64(field(s, 'startTimeUnixNano', 'start_time_unix_nano'), `${p}.startTimeUnixNano`),
    end: asInt64(field(s, 'endTimeUnixNano', 'end_time_unix_nano'), `${p}.endTimeUnixNano`),
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: '' },
  };
  decodeKeyValuesJson(s.attributes, `${p}.attributes`, d.attributes);
  d.events = asArray(s.events, `${p}.events`).map((ev, i) => decodeEventJson(ev, `${p}.events[${i}]`));
  d.links = asArray(s.links, `${p}.links`).map((l, i) => decodeLinkJson(l, `${p}.links[${i}]`));
  d.status = decodeStatusJson(s.status, `${p}.status`);
  return d;
}

function decodeEventJson(v: unknown, p: string): DevSpanEvent {
  const o = asObject(v, p) ?? {};
  const e: DevSpanEvent = {
    name: asString(o.name, `${p}.name`),
    timeUnixNano: asInt64(field(o, 'timeUnixNano', 'time_unix_nano'), `${p}.timeUnixNano`).toString(),
    attributes: {},
  };
  decodeKeyValuesJson(o.attributes, `${p}.attributes`, e.attributes);
  return e;
}

function decodeLinkJson(v: unknown, p: string): DevSpanLink {
  const o = asObject(v, p) ?? {};
  const l: DevSpanLink = {
    traceId: asId(field(o, 'traceId', 'trace_id'), `${p}.traceId`, 16),
    spanId: asId(field(o, 'spanId', 'span_id'), `${p}.spanId`, 8),
    traceState: asString(field(o, 'traceState', 'trace_state'), `${p}.traceState`),
    attributes: {},
  };
  decodeKeyValuesJson(o.attributes, `${p}.attributes`, l.attributes);
  return l;
}

function decodeStatusJson(v: unknown, p: string): DevSpanStatus {
  const o = asObject(v, p);
  if (o === undefined) return { code: 0, message: '' };
  return { code: asEnum(o.code, `${p}.code`, STATUS_NAMES), message: asString(o.message, `${p}.message`) };
}
