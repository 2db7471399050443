/**
 * Importing @meridian/exporter-elk registers the `logstash` and `elasticsearch` exporters, so
 * `MERIDIAN_LOG_EXPORTERS=logstash` / `=elasticsearch` (createLogger() and the default logger) send through them,
 * and the `elasticsearch` span exporter (`OTEL_TRACES_EXPORTER=elasticsearch`).
 */
import { registerExporter } from '@meridian/transport';
import { createElasticsearchExporter } from './elasticsearch-exporter.js';
import { createElasticsearchSpanExporter } from './elasticsearch-span-exporter.js';
import { createLogstashExporter } from './logstash-exporter.js';

registerExporter('logstash', (config) => createLogstashExporter({ config }));
registerExporter('elasticsearch', (config) => createElasticsearchExporter({ config }));
registerExporter('elasticsearch', (config) => createElasticsearchSpanExporter({ config }), 'spans');
