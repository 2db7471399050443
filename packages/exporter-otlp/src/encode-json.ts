/**
 * ExportLogsServiceRequest in the OTLP/JSON mapping: lowerCamelCase names, trace/span ids as hex,
 * 64-bit integers (times, int_value) as decimal strings, enums as numbers.
 */
import type { LogEntry } from '@meridian/transport';
import { MAX_VALUE_DEPTH } from './internal/any-value.js';
import { groupRecords, type JsonValue, type MappedRecord, resourceAttributes, type ResourceValue, SCOPE_NAME } from './internal/map-record.js';

type JsonAnyValue = Record<string, unknown>;

function anyValue(v: JsonValue, depth: number): JsonAnyValue {
  switch (typeof v) {
    case 'string':
      return { stringValue: v };
    case 'boolean':
      return { boolValue: v };
    case 'number':
      return Number.isSafeInteger(v) ? { intValue: String(v) } : { doubleValue: v };
    default:
  }
  if (v === null) return {};
  if (depth >= MAX_VALUE_DEPTH) return { stringValue: JSON.stringify(v) };
  if (Array.isArray(v)) return { arrayValue: { values: v.map((item) => anyValue(item, depth + 1)) } };
  return { kvlistValue: { values: Object.keys(v).map((key) => ({ key, value: anyValue(v[key]!, depth + 1) })) } };
}

function keyValues(pairs: [string, JsonValue][]): { key: string; value: JsonAnyValue }[] {
  return pairs.map(([key, value]) => ({ key, value: anyValue(value, 0) }));
}

function logRecord(r: MappedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    timeUnixNano: r.timeNs.toString(),
    observedTimeUnixNano: r.observedNs.toString(),
    severityNumber: r.severityNumber,
    severityText: r.severityText,
  };
  if (r.body !== undefined) out.body = anyValue(r.body, 0);
  out.attributes = keyValues(r.attributes);
  if (r.flags !== undefined) out.flags = r.flags & 0xff;
  if (r.traceId !== undefined) out.traceId = r.traceId;
  if (r.spanId !== undefined) out.spanId = r.spanId;
  return out;
}

/** The OTLP/JSON twin of `encodeLogsProtobuf` (same grouping, same mapping). */
export function encodeLogsJson(records: readonly LogEntry[], resource: Readonly<Record<string, ResourceValue>>): string {
  const resourceLogs = groupRecords(records).map((group) => ({
    resource: { attributes: keyValues(resourceAttributes(resource, group.service)) },
    scopeLogs: [{ scope: { name: SCOPE_NAME }, logRecords: group.records.map(logRecord) }],
  }));
  return JSON.stringify({ resourceLogs });
}
