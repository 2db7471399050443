/**
 * @meridian/exporter-elk — Meridian log exporters for the ELK stack: Logstash (json_lines over
 * TCP/TLS) and Elasticsearch (_bulk, ECS documents). Both are `Exporter`s for @meridian/transport,
 * which owns batching, retries, compression, spooling and counters. See README.md.
 */
export { createElasticsearchExporter, DEFAULT_ES_MAX_BATCH_BYTES, ERR_ELASTICSEARCH_AUTH } from './elasticsearch-exporter.js';
export type { ElasticsearchExporterOptions } from './elasticsearch-exporter.js';
export { createLogstashExporter, WARN_BEATS_PORT } from './logstash-exporter.js';
export type { LogstashExporter, LogstashExporterOptions } from './logstash-exporter.js';
export { createElasticsearchDestination, createLogstashDestination } from './destinations.js';
export type { ElasticsearchDestinationOptions, LogstashDestinationOptions } from './destinations.js';
export { ECS_VERSION, MAX_LABELS, toEcs } from './ecs.js';
export type { EcsDocument, ToEcsDefaults } from './ecs.js';
export { ERR_TLS_FILE } from './internal/preflight.js';
export { spanToEcs } from './span-ecs.js';
export { createElasticsearchSpanExporter } from './elasticsearch-span-exporter.js';
export type { ElasticsearchSpanExporterOptions } from './elasticsearch-span-exporter.js';
export type { EcsSpanInput, SpanToEcsOptions } from './span-ecs.js';

// Side effect: registers this package's exporter(s) by name (see registration.ts).
import './registration.js';
