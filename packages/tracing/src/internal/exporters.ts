import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import {
  BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { BatchSpanConfig, OtlpTracesConfig, TracesExporterName, ZipkinConfig } from '@meridian/config';
import { JsonLineSpanExporter } from './json-line-exporter.js';

export type ExporterChoice = SpanExporter | TracesExporterName;

function isExporter(x: unknown): x is SpanExporter {
  return typeof x === 'object' && x !== null && typeof (x as SpanExporter).export === 'function';
}

/** The OTLP/HTTP (JSON) exporter, configured from `@meridian/config` only. */
export function createOtlpExporter(otlp: OtlpTracesConfig): SpanExporter {
  return new OTLPTraceExporter({
    url: otlp.url,
    headers: { ...otlp.headers },
    // the exporter's CompressionAlgorithm enum has exactly these string values
    compression: otlp.compression as never,
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

/**
 * One processor per exporter: OTLP, Zipkin and exporter instances behind a BatchSpanProcessor; the
 * console exporter (one JSON line per span on stdout) behind a SimpleSpanProcessor so a developer
 * sees each span as it ends.
 */
export function createExportingProcessors(
  choices: readonly ExporterChoice[],
  otlp: OtlpTracesConfig,
  bsp: BatchSpanConfig,
  zipkin: ZipkinConfig,
): SpanProcessor[] {
  const out: SpanProcessor[] = [];
  for (const choice of choices) {
    if (isExporter(choice)) out.push(batch(choice, bsp));
    else if (choice === 'otlp') out.push(batch(createOtlpExporter(otlp), bsp));
    else if (choice === 'zipkin') out.push(batch(createZipkinExporter(zipkin), bsp));
    else if (choice === 'console') out.push(new SimpleSpanProcessor(new JsonLineSpanExporter()));
    // 'none': nothing
  }
  return out;
}
