/**
 * @meridian/exporter-otlp — Meridian log records to OpenTelemetry collectors over OTLP/HTTP
 * (protobuf or JSON), with failover across collectors. See README.md.
 */
export { createOtlpLogExporter } from './otlp-log-exporter.js';
export type { OtlpEndpointStats, OtlpExporterStats, OtlpLogExporter } from './otlp-log-exporter.js';
export { createOtlpLogTransport } from './create-transport.js';
export { createOtlpSpanExporter } from './otlp-span-exporter.js';
export type { OtlpSpanExporter, OtlpSpanExporterOptions } from './otlp-span-exporter.js';
export { assembleTraceRequestFromEntries, encodeSpanEntry } from './spans/span-entry.js';
export type { OtlpLogTransportOptions } from './create-transport.js';
export { ERR_OTLP_ENDPOINT } from './options.js';
export type { OtlpLogExporterOptions, OtlpLogProtocol } from './options.js';
export { encodeLogsProtobuf } from './encode-protobuf.js';
export { encodeLogsJson } from './encode-json.js';
export { isoToNanos } from './internal/map-record.js';
export type { ResourceValue } from './internal/map-record.js';
export { encodeSpan } from './spans/encode-span.js';
export { assembleTraceRequest, encodeResource, encodeSpansProtobuf } from './spans/trace-request.js';
export type { EncodedResource, EncodedSpan } from './spans/trace-request.js';
export type {
  AttributesLike,
  AttributeValueLike,
  HrTimeLike,
  ResourceLike,
  SpanContextLike,
  SpanEventLike,
  SpanLike,
  SpanLinkLike,
  SpanScopeLike,
} from './spans/span-types.js';

// Side effect: registers this package's exporter(s) by name (see registration.ts).
import './registration.js';
