/** Turns a decoded log record (protobuf, JSON or NDJSON) into a DevLogRecord. */
import type { DevAttributes, DevLogRecord, DevScope, DevValue } from '../model.js';
import { isSpanId, isTraceId, type DecodedBatch } from './span-draft.js';

export interface LogDraft {
  time: bigint;
  observed: bigint;
  severityNumber: number;
  severityText: string;
  body: DevValue;
  attributes: DevAttributes;
  eventName: string;
  traceId: string;
  spanId: string;
}

export function finishLog(d: LogDraft, resource: DevAttributes, scope: DevScope, batch: DecodedBatch<DevLogRecord>): void {
  const rec: DevLogRecord = {
    timeUnixNano: d.time.toString(),
    observedTimeUnixNano: d.observed.toString(),
    severityNumber: d.severityNumber,
    severityText: d.severityText,
    body: d.body,
    attributes: d.attributes,
    eventName: d.eventName,
    resource,
    scope,
  };
  // Ids are optional on logs: an empty or invalid one means "not in a span", not a rejection.
  if (isTraceId(d.traceId)) rec.traceId = d.traceId;
  if (isSpanId(d.spanId)) rec.spanId = d.spanId;
  batch.items.push(rec);
}
