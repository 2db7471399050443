/**
 * @meridian/transport — the queue between a logger and an exporter: bounded, batched, level
 * lanes, retried with backoff, gzip, disk spool, and counted. See README.md.
 */
export { createTransport, ERR_EXPORTER_REFUSED, ERR_EXPORTER_UNAVAILABLE, Transport } from './transport.js';
export { createTransportFor, registerExporter, registeredExporters, spanExporterFactory } from './registry.js';
export type { ExporterFactory, ItemExporter, ItemExporterFactory, Signal, TransportForOptions } from './registry.js';
export { createRouter, Router } from './router.js';
export type { RouterOptions, RouterStats } from './router.js';
export { ERR_DESTINATION_UNREACHABLE, ERR_RECORDS_DROPPED } from './internal/drop-report.js';
export type { FlushOptions } from './transport.js';
export type { TransportOptions, ResolvedOptions } from './options.js';
export type { Destination, ExportRequest, ExportResult, Exporter, Level, LogEntry, QueueEntry, RecordFailure } from './types.js';
export { createHttpNdjsonExporter, statusOutcome } from './http-ndjson-exporter.js';
export type { HttpNdjsonExporterOptions } from './http-ndjson-exporter.js';
export { DROP_REASONS, LATENCY_BUCKETS_MS } from './internal/stats.js';
export type { DropReason, LastError, LatencyHistogram, TransportStats } from './internal/stats.js';
export { parseRetryAfter } from './internal/backoff.js';
export { prometheusHandler, renderPrometheus } from './metrics/prometheus.js';
export { registerOtelMetrics } from './metrics/otel.js';
export type { StatsSource } from './metrics/registry.js';
export { postBody } from './internal/http-post.js';
export type { HttpResponse, PostOptions } from './internal/http-post.js';
