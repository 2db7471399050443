import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type ReadableSpan, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  diagnose,
  MeridianError,
  type BatchSpanConfig,
  type MeridianConfig,
  type OtlpSignalConfig,
  type TracesExporterName,
  type ZipkinConfig,
} from '@meridian/config';
import { createOtlpSpanExporter } from '@meridian/exporter-otlp';
import { createTransport, ERR_EXPORTER_REFUSED, ERR_EXPORTER_UNAVAILABLE, spanExporterFactory, type ItemExporter, type QueueEntry } from '@meridian/transport';
import { JsonLineSpanExporter } from './json-line-exporter.js';
import { TransportSpanProcessor } from './transport-span-processor.js';

export type ExporterChoice = SpanExporter | TracesExporterName;

function isExporter(x: unknown): x is SpanExporter {
  return typeof x === 'object' && x !== null && typeof (x as SpanExporter).export === 'function';
}

/** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json`: the stock OTLP/HTTP JSON exporter, to the first traces endpoint. */
export function createOtlpJsonExporter(otlp: OtlpSignalConfig): SpanExporter {
  return new OTLPTraceExporter({
    url: otlp.endpoints[0],
    headers: { ...otlp.headers },
    // the exporter's CompressionAlgorithm enum has exactly these string values
    compression: (otlp.compression ?? 'none') as never,
    timeoutMillis: otlp.timeoutMs,
  });
}

/**
 * `OTEL_TRACES_EXPORTER=zipkin`: Zipkin v2 JSON over HTTP (@opentelemetry/exporter-zipkin), to
 * `OTEL_EXPORTER_ZIPKIN_ENDPOINT` (passed explicitly, so the package's own env fallback never
 * applies). The package has no request timeout of its own: OTEL_BSP_EXPORT_TIMEOUT bounds an export.
 */
export function createZipkinExporter(zipkin: ZipkinConfig): SpanExporter {
  return new ZipkinExporter({ url: zipkin.url });
}

function batch(exporter: SpanExporter, bsp: BatchSpanConfig): SpanProcessor {
  // every field is given, so the SDK's own OTEL_BSP_* fallbacks never apply
  return new BatchSpanProcessor(exporter, {
    scheduledDelayMillis: bsp.scheduleDelayMs,
    exportTimeoutMillis: bsp.exportTimeoutMs,
    maxQueueSize: bsp.maxQueueSize,
    maxExportBatchSize: bsp.maxExportBatchSize,
  });
}

/** What the exporting processors are built from. */
export interface ExportingSetup {
  readonly config: MeridianConfig;
  readonly bsp: BatchSpanConfig;
  /** The tracer provider's resource: the OTLP span exporter sends exactly this one. */
  readonly resource: Resource;
}

/**
 * A span exporter on Meridian's transport: OTEL_BSP_MAX_QUEUE_SIZE is the queue's record bound,
 * OTEL_BSP_MAX_EXPORT_BATCH_SIZE the batch size, OTEL_BSP_SCHEDULE_DELAY the batch delay; the
 * MERIDIAN_* transport settings (spool, bytes bound, attempts, metrics) apply as for logs.
 */
function onTransport(exporter: ItemExporter<ReadableSpan>, s: ExportingSetup): SpanProcessor {
  const transport = createTransport<QueueEntry>({
    exporter,
    config: s.config,
    queueMaxRecords: s.bsp.maxQueueSize,
    batchMaxRecords: s.bsp.maxExportBatchSize,
    batchDelayMs: s.bsp.scheduleDelayMs,
  });
  return new TransportSpanProcessor(transport, exporter);
}

/** A span exporter registered by a package (`elasticsearch`: @meridian/exporter-elk), or undefined with one diagnostic. */
function registered(name: string, s: ExportingSetup): SpanProcessor | undefined {
  const factory = spanExporterFactory(name);
  if (factory === undefined) {
    diagnose(
      ERR_EXPORTER_UNAVAILABLE,
      `OTEL_TRACES_EXPORTER names "${name}" but no span exporter is registered under that name; ` +
        `accepted: import '@meridian/exporter-elk' before starting tracing, or start with node --import @meridian/node/register; spans are not sent there`,
    );
    return undefined;
  }
  try {
    return onTransport(factory(s.config) as ItemExporter<ReadableSpan>, s);
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    diagnose(
      typeof code === 'string' && code.startsWith('MERIDIAN_ERR_') ? code : ERR_EXPORTER_REFUSED,
      `span exporter "${name}" did not start: ${(e instanceof Error ? e.message : String(e)).replace(/^MERIDIAN_ERR_[A-Z_]+: /, '')}; spans are not sent there`,
    );
    return undefined;
  }
}

/** The OTLP span exporter: protobuf on the transport (the specification's default protocol), JSON through the stock exporter. */
function otlp(s: ExportingSetup): SpanProcessor | undefined {
  const traces = s.config.otlpTraces;
  if (traces.protocol === 'http/json') {
    if (traces.endpoints.length > 1) {
      diagnose(
        'MERIDIAN_ERR_CONFIG_INVALID',
        `MERIDIAN_OTLP_TRACES_ENDPOINTS lists ${traces.endpoints.length} collectors but OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json uses the stock exporter, which has no failover; accepted: http/protobuf for failover; sending to ${traces.endpoints[0]} only`,
      );
    }
    return batch(createOtlpJsonExporter(traces), s.bsp);
  }
  try {
    return onTransport(createOtlpSpanExporter({ config: s.config, resource: s.resource }) as ItemExporter<ReadableSpan>, s);
  } catch (e) {
    const code = e instanceof MeridianError ? e.code : ERR_EXPORTER_REFUSED;
    diagnose(
      code,
      `span exporter "otlp" did not start: ${(e instanceof Error ? e.message : String(e)).replace(/^MERIDIAN_ERR_[A-Z_]+: /, '')}; spans are not sent there`,
    );
    return undefined;
  }
}

/**
 * One processor per exporter: OTLP (protobuf) and registered exporters (Elasticsearch) on Meridian's
 * transport; OTLP JSON, Zipkin and exporter instances behind a BatchSpanProcessor; the console
 * exporter (one JSON line per span on stdout) behind a SimpleSpanProcessor so a developer sees each
 * span as it ends.
 */
export function createExportingProcessors(choices: readonly ExporterChoice[], s: ExportingSetup): SpanProcessor[] {
  const out: SpanProcessor[] = [];
  for (const choice of choices) {
    let p: SpanProcessor | undefined;
    if (isExporter(choice)) p = batch(choice, s.bsp);
    else if (choice === 'otlp') p = otlp(s);
    else if (choice === 'zipkin') p = batch(createZipkinExporter(s.config.tracing.zipkin), s.bsp);
    else if (choice === 'console') p = new SimpleSpanProcessor(new JsonLineSpanExporter());
    else if (choice === 'elasticsearch') p = registered('elasticsearch', s);
    // 'none': nothing
    if (p !== undefined) out.push(p);
  }
  return out;
}
