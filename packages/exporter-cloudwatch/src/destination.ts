import { createTransport, type Transport, type TransportOptions } from '@meridian/transport';
import { createCloudWatchExporter } from './exporter.js';
import type { CloudWatchExporterOptions } from './options.js';

export interface CloudWatchDestinationOptions extends CloudWatchExporterOptions {
  /** Transport settings (queue, batching, retries, spool, metrics); the exporter is set here. */
  transport?: Omit<TransportOptions, 'exporter'>;
}

/**
 * A logger `Destination` sending to CloudWatch Logs: `createTransport` in front of
 * `createCloudWatchExporter`. Compression is off (the SDK sends its own JSON request) unless
 * `transport.compression` says otherwise. Throws the exporter's `MeridianError` when refused.
 */
export function createCloudWatchDestination(options: CloudWatchDestinationOptions = {}): Transport {
  const { transport, ...exporterOptions } = options;
  const exporter = createCloudWatchExporter(exporterOptions);
  return createTransport({ compression: 'none', ...transport, exporter });
}
