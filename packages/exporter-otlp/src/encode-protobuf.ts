/**
 * ExportLogsServiceRequest in protobuf (opentelemetry-proto, collector/logs/v1 and logs/v1):
 *   ExportLogsServiceRequest: resource_logs 1
 *   ResourceLogs: resource 1, scope_logs 2          Resource: attributes 1
 *   ScopeLogs: scope 1, log_records 2               InstrumentationScope: name 1, version 2
 *   LogRecord: time_unix_nano 1 (fixed64), severity_number 2, severity_text 3, body 5 (AnyValue),
 *              attributes 6, flags 8 (fixed32), trace_id 9 (bytes), span_id 10 (bytes),
 *              observed_time_unix_nano 11 (fixed64)
 *   KeyValue: key 1, value 2
 *   AnyValue: string_value 1, bool_value 2, int_value 3, double_value 4, array_value 5, kvlist_value 6
 *   ArrayValue: values 1        KeyValueList: values 1
 */
import type { LogEntry } from '@meridian/transport';
import { groupRecords, type JsonValue, type MappedRecord, resourceAttributes, type ResourceValue, SCOPE_NAME } from './internal/map-record.js';
import { ProtobufWriter, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './internal/protobuf-writer.js';
import { LOG_VALUES, writeAnyValue, writeKeyValue as writeSharedKeyValue } from './internal/any-value.js';
import type { AttributeValueLike } from './spans/span-types.js';

function writeKeyValue(w: ProtobufWriter, field: number, key: string, value: JsonValue, depth: number): void {
  writeSharedKeyValue(w, field, key, value as AttributeValueLike, depth, LOG_VALUES);
}

function writeLogRecord(w: ProtobufWriter, r: MappedRecord): void {
  w.tag(1, WIRE_I64);
  w.fixed64(r.timeNs);
  w.tag(2, WIRE_VARINT);
  w.varint(r.severityNumber);
  w.string(3, r.severityText);
  if (r.body !== undefined) {
    w.tag(5, WIRE_LEN);
    const b = w.fork();
    writeAnyValue(w, r.body as AttributeValueLike, 0, LOG_VALUES);
    w.ldelim(b);
  }
  for (const [key, value] of r.attributes) writeKeyValue(w, 6, key, value, 0);
  if (r.flags !== undefined) {
    w.tag(8, WIRE_I32);
    w.fixed32(r.flags & 0xff);
  }
  if (r.traceId !== undefined) w.hexBytes(9, r.traceId);
  if (r.spanId !== undefined) w.hexBytes(10, r.spanId);
  w.tag(11, WIRE_I64);
  w.fixed64(r.observedNs);
}

/**
 * Encode log entries as one protobuf ExportLogsServiceRequest: one ResourceLogs per `service`
 * (resource = `resource` with that `service.name`), one ScopeLogs (`@meridian/logger`) each.
 */
export function encodeLogsProtobuf(records: readonly LogEntry[], resource: Readonly<Record<string, ResourceValue>>): Uint8Array {
  let estimate = 256;
  for (const r of records) estimate += r.line.length + 64;
  const w = new ProtobufWriter(estimate);
  for (const group of groupRecords(records)) {
    w.tag(1, WIRE_LEN);
    const rl = w.fork();
    w.tag(1, WIRE_LEN);
    const res = w.fork();
    for (const [key, value] of resourceAttributes(resource, group.service)) writeKeyValue(w, 1, key, value, 0);
    w.ldelim(res);
    w.tag(2, WIRE_LEN);
    const sl = w.fork();
    w.tag(1, WIRE_LEN);
    const scope = w.fork();
    w.string(1, SCOPE_NAME);
    w.ldelim(scope);
    for (const r of group.records) {
      w.tag(2, WIRE_LEN);
      const lr = w.fork();
      writeLogRecord(w, r);
      w.ldelim(lr);
    }
    w.ldelim(sl);
    w.ldelim(rl);
  }
  return w.finish();
}
