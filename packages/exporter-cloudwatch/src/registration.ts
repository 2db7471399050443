/**
 * Importing @meridian/exporter-cloudwatch registers it as the `cloudwatch` exporter, so
 * `MERIDIAN_LOG_EXPORTERS=cloudwatch` (createLogger() and the default logger) sends through it.
 */
import { registerExporter } from '@meridian/transport';
import { createCloudWatchExporter } from './exporter.js';

registerExporter('cloudwatch', (config) => createCloudWatchExporter({ config }));
