/**
 * @meridian/exporter-cloudwatch — Meridian logs to AWS CloudWatch Logs through the official
 * AWS SDK v3, on @meridian/transport (batching, retries, spool, metrics). See README.md.
 */
export { createCloudWatchExporter, ERR_CLOUDWATCH_CONFIG } from './exporter.js';
export type { CloudWatchExporter, CloudWatchExporterStats } from './exporter.js';
export { createCloudWatchDestination } from './destination.js';
export type { CloudWatchDestinationOptions } from './destination.js';
export type { CloudWatchExporterOptions, CloudWatchRoute } from './options.js';
export type { Target as CloudWatchTarget } from './internal/provision.js';
export { TRUNCATED_FIELD, TRUNCATION_MARKER } from './internal/truncate.js';

// Side effect: registers this package's exporter(s) by name (see registration.ts).
import './registration.js';
