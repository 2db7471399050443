/**
 * Decodes an ExportLogsServiceRequest (opentelemetry.proto.collector.logs.v1) from protobuf.
 *   ExportLogsServiceRequest: resource_logs 1
 *   ResourceLogs: resource 1, scope_logs 2, schema_url 3
 *   ScopeLogs: scope 1, log_records 2, schema_url 3
 *   LogRecord: time_unix_nano 1 (fixed64), severity_number 2, severity_text 3, body 5 (AnyValue),
 *              attributes 6, dropped_attributes_count 7, flags 8 (fixed32), trace_id 9, span_id 10,
 *              observed_time_unix_nano 11 (fixed64), event_name 12
 */
import type { DevAttributes, DevLogRecord, DevScope } from '../model.js';
import { decodeAnyValue, decodeKeyValueInto, decodeResource, decodeScope, toHex } from './otlp-proto-common.js';
import { ProtobufReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.js';
import { finishLog, type LogDraft } from './log-draft.js';
import type { DecodedBatch } from './span-draft.js';

export function decodeLogsRequestProto(body: Uint8Array): DecodedBatch<DevLogRecord> {
  const batch: DecodedBatch<DevLogRecord> = { items: [], rejected: 0, rejectReason: '' };
  const r = new ProtobufReader(body);
  while (!r.done) {
    const tag = r.readTag();
    if (tag >>> 3 === 1) {
      r.expect(tag, WIRE_LEN, 'ExportLogsServiceRequest.resource_logs');
      decodeResourceLogs(r.readMessage(), batch);
    } else r.skip(tag & 7);
  }
  return batch;
}

function decodeResourceLogs(r: ProtobufReader, batch: DecodedBatch<DevLogRecord>): void {
  let resource: DevAttributes = {};
  const scopeLogs: ProtobufReader[] = [];
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'ResourceLogs.resource');
        resource = decodeResource(r.readMessage());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'ResourceLogs.scope_logs');
        scopeLogs.push(r.readMessage());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  for (const s of scopeLogs) decodeScopeLogs(s, resource, batch);
}

function decodeScopeLogs(r: ProtobufReader, resource: DevAttributes, batch: DecodedBatch<DevLogRecord>): void {
  let scope: DevScope = { name: '', version: '' };
  const records: ProtobufReader[] = [];
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_LEN, 'ScopeLogs.scope');
        scope = decodeScope(r.readMessage());
        break;
      case 2:
        r.expect(tag, WIRE_LEN, 'ScopeLogs.log_records');
        records.push(r.readMessage());
        break;
      default:
        r.skip(tag & 7);
    }
  }
  for (const rec of records) finishLog(decodeLogRecord(rec), resource, scope, batch);
}

function decodeLogRecord(r: ProtobufReader): LogDraft {
  const d: LogDraft = {
    time: 0n,
    observed: 0n,
    severityNumber: 0,
    severityText: '',
    body: null,
    attributes: {},
    eventName: '',
    traceId: '',
    spanId: '',
  };
  while (!r.done) {
    const tag = r.readTag();
    switch (tag >>> 3) {
      case 1:
        r.expect(tag, WIRE_I64, 'LogRecord.time_unix_nano');
        d.time = r.readFixed64();
        break;
      case 2:
        r.expect(tag, WIRE_VARINT, 'LogRecord.severity_number');
        d.severityNumber = r.readVarint32();
        break;
      case 3:
        r.expect(tag, WIRE_LEN, 'LogRecord.severity_text');
        d.severityText = r.readString();
        break;
      case 5:
        r.expect(tag, WIRE_LEN, 'LogRecord.body');
        d.body = decodeAnyValue(r.readMessage(), 0);
        break;
      case 6:
        r.expect(tag, WIRE_LEN, 'LogRecord.attributes');
        decodeKeyValueInto(r.readMessage(), d.attributes);
        break;
      case 8:
        r.expect(tag, WIRE_I32, 'LogRecord.flags');
        r.readFixed32();
        break;
      case 9:
        r.expect(tag, WIRE_LEN, 'LogRecord.trace_id');
        d.traceId = toHex(r.readBytes());
        break;
      case 10:
        r.expect(tag, WIRE_LEN, 'LogRecord.span_id');
        d.spanId = toHex(r.readBytes());
        break;
      case 11:
        r.expect(tag, WIRE_I64, 'LogRecord.observed_time_unix_nano');
        d.observed = r.readFixed64();
        break;
      case 12:
        r.expect(tag, WIRE_LEN, 'LogRecord.event_name');
        d.eventName = r.readString();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return d;
}
