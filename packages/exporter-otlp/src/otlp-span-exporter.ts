/**
 * Spans to OpenTelemetry collectors over OTLP/HTTP protobuf, on Meridian's transport: each finished
 * span becomes one queue entry (a self-contained ScopeSpans message, `toEntry`), so spans get what
 * logs get — bounded queue with exact drop counts, batching, gzip, retries honouring Retry-After,
 * the disk spool across restarts, failover across MERIDIAN_OTLP_TRACES_ENDPOINTS, self-metrics.
 * (`http/json` stays with the stock @opentelemetry/exporter-trace-otlp-http, see @meridian/tracing.)
 */
import { buildResourceAttributes, getConfig } from '@meridian/config';
import type { ExportRequest, ExportResult, ItemExporter, Level, QueueEntry } from '@meridian/transport';
import { OtlpSender, type OtlpExporterStats } from './internal/otlp-sender.js';
import { resolveOtlpOptions, type OtlpLogExporterOptions } from './options.js';
import { assembleTraceRequestFromEntries, encodeSpanEntry } from './spans/span-entry.js';
import { encodeResource, type EncodedResource } from './spans/trace-request.js';
import type { ResourceLike, SpanLike } from './spans/span-types.js';

export interface OtlpSpanExporterOptions extends Omit<OtlpLogExporterOptions, 'protocol' | 'resource'> {
  /**
   * The spans' resource (the tracer provider's). Default: the process resource of @meridian/config
   * (`buildResourceAttributes`), the one the log exporter sends too.
   */
  resource?: ResourceLike;
}

export interface OtlpSpanExporter extends ItemExporter<SpanLike> {
  readonly endpoints: readonly string[];
  readonly compression: 'gzip' | 'none' | undefined;
  readonly timeoutMs: number;
  readonly exportTimeoutMs: number;
  stats(): OtlpExporterStats & { unreadable: number };
}

/** Fixed-shape queue entry of one span: error-status spans take the transport's urgent lane. */
class SpanEntry implements QueueEntry {
  constructor(
    readonly time: number,
    readonly level: Level,
    readonly levelValue: number,
    readonly line: Uint8Array,
  ) {}
}

/** SpanStatusCode.ERROR */
const STATUS_ERROR = 2;

/**
 * An OTLP/HTTP protobuf span exporter for @meridian/transport. Throws a MeridianError when an
 * endpoint is plain text off loopback, unusable, or outside MERIDIAN_ALLOWED_REGIONS.
 */
export function createOtlpSpanExporter(options: OtlpSpanExporterOptions = {}): OtlpSpanExporter {
  const o = resolveOtlpOptions({ ...options, protocol: 'http/protobuf', resource: undefined }, 'traces');
  const config = options.config ?? getConfig();
  const resource: EncodedResource = encodeResource(options.resource ?? { attributes: buildResourceAttributes(config.service) });
  const sender = new OtlpSender(o, 'spans');
  let unreadable = 0;
  return {
    name: o.name,
    network: true,
    maxBatchRecords: options.maxBatchRecords,
    maxBatchBytes: options.maxBatchBytes,
    endpoints: o.endpoints.map((u) => u.href),
    compression: o.compression,
    timeoutMs: o.timeoutMs,
    exportTimeoutMs: sender.exportTimeoutMs,
    toEntry(span: SpanLike): SpanEntry {
      const end = span.endTime;
      const error = span.status.code === STATUS_ERROR;
      return new SpanEntry(end[0] * 1000 + end[1] / 1e6, error ? 'error' : 'info', error ? 50 : 30, encodeSpanEntry(span));
    },
    encode(records: readonly QueueEntry[]): Uint8Array {
      const bytes: Uint8Array[] = [];
      for (const r of records) if (typeof r.line !== 'string') bytes.push(r.line);
      const { body, skipped } = assembleTraceRequestFromEntries(resource, bytes);
      // an unreadable entry can only come from a foreign or damaged record: counted, never sent
      unreadable += skipped.length + (records.length - bytes.length);
      return body;
    },
    send: (req: ExportRequest<QueueEntry>): Promise<ExportResult> => sender.send(req.body, req.contentEncoding === 'gzip', req.records.length, req.signal),
    stats: () => ({ ...sender.stats(), unreadable }),
    async shutdown() {
      sender.shutdown();
    },
  };
}
