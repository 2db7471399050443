import { createTransport, type Transport, type TransportOptions } from '@meridian/transport';
import { createElasticsearchExporter, type ElasticsearchExporterOptions } from './elasticsearch-exporter.js';
import { createLogstashExporter, type LogstashExporterOptions } from './logstash-exporter.js';

export interface LogstashDestinationOptions extends LogstashExporterOptions {
  /** Transport settings (queue, batching, retries, spool, metrics); the exporter is set here. */
  transport?: Omit<TransportOptions, 'exporter'>;
}

export interface ElasticsearchDestinationOptions extends ElasticsearchExporterOptions {
  transport?: Omit<TransportOptions, 'exporter'>;
}

/**
 * A logger `Destination` sending to Logstash: `createTransport` in front of `createLogstashExporter`
 * (what `MERIDIAN_LOG_EXPORTERS=logstash` builds). Throws the exporter's `MeridianError` when refused.
 */
export function createLogstashDestination(options: LogstashDestinationOptions = {}): Transport {
  const { transport, ...exporterOptions } = options;
  return createTransport({ ...transport, exporter: createLogstashExporter(exporterOptions) });
}

/**
 * A logger `Destination` sending to Elasticsearch: `createTransport` in front of
 * `createElasticsearchExporter` (what `MERIDIAN_LOG_EXPORTERS=elasticsearch` builds).
 */
export function createElasticsearchDestination(options: ElasticsearchDestinationOptions = {}): Transport {
  const { transport, ...exporterOptions } = options;
  return createTransport({ ...transport, exporter: createElasticsearchExporter(exporterOptions) });
}
