/**
 * Decode an OTLP/HTTP request body, protobuf or JSON (what the dev collector does with each request),
 * into the collector's model: for tests and tools that receive OTLP themselves.
 */
import type { DevLogRecord, DevSpan } from './model.js';
import { decodeLogsRequestJson } from './internal/otlp-json-logs.js';
import { decodeTraceRequestJson } from './internal/otlp-json-traces.js';
import { decodeLogsRequestProto } from './internal/otlp-proto-logs.js';
import { decodeTraceRequestProto } from './internal/otlp-proto-traces.js';

/** The spans of an ExportTraceServiceRequest (`contentType` containing `json` selects the JSON encoding). Throws on a malformed body. */
export function decodeOtlpTraces(body: Uint8Array, contentType = 'application/x-protobuf'): DevSpan[] {
  return (contentType.includes('json') ? decodeTraceRequestJson(body) : decodeTraceRequestProto(body)).items;
}

/** The log records of an ExportLogsServiceRequest (`contentType` containing `json` selects the JSON encoding). Throws on a malformed body. */
export function decodeOtlpLogs(body: Uint8Array, contentType = 'application/x-protobuf'): DevLogRecord[] {
  return (contentType.includes('json') ? decodeLogsRequestJson(body) : decodeLogsRequestProto(body)).items;
}
