import type { ExportRequest, ExportResult, Exporter, LogEntry } from '@meridian/transport';
import { encodeLogsJson } from './encode-json.js';
import { encodeLogsProtobuf } from './encode-protobuf.js';
import { OtlpSender, type OtlpExporterStats } from './internal/otlp-sender.js';
import { type OtlpLogExporterOptions, type OtlpLogProtocol, resolveOtlpOptions } from './options.js';

export type { OtlpEndpointStats, OtlpExporterStats } from './internal/otlp-sender.js';

export interface OtlpLogExporter extends Exporter {
  readonly protocol: OtlpLogProtocol;
  readonly endpoints: readonly string[];
  /** What the transport should use (undefined: its own default, gzip). */
  readonly compression: 'gzip' | 'none' | undefined;
  /** Per-request timeout; the transport's export timeout must leave room for a failback probe too. */
  readonly timeoutMs: number;
  readonly exportTimeoutMs: number;
  stats(): OtlpExporterStats;
}

/**
 * An OTLP/HTTP log exporter for @meridian/transport: encodes batches as ExportLogsServiceRequest
 * (protobuf or JSON) and POSTs them to the current collector, failing over across `endpoints`.
 * Throws a MeridianError when an endpoint is plain-text off loopback or outside the allowed regions.
 */
export function createOtlpLogExporter(options: OtlpLogExporterOptions = {}): OtlpLogExporter {
  const o = resolveOtlpOptions(options, 'logs');
  const json = o.protocol === 'http/json';
  const sender = new OtlpSender(o, 'log records');
  return {
    name: o.name,
    network: true,
    maxBatchRecords: options.maxBatchRecords,
    maxBatchBytes: options.maxBatchBytes,
    protocol: o.protocol,
    endpoints: o.endpoints.map((u) => u.href),
    compression: o.compression,
    timeoutMs: o.timeoutMs,
    exportTimeoutMs: sender.exportTimeoutMs,
    encode: (records: readonly LogEntry[]) => (json ? encodeLogsJson(records, o.resource) : encodeLogsProtobuf(records, o.resource)),
    send: (req: ExportRequest): Promise<ExportResult> => sender.send(req.body, req.contentEncoding === 'gzip', req.records.length, req.signal),
    stats: (): OtlpExporterStats => sender.stats(),
    async shutdown() {
      sender.shutdown();
    },
  };
}
