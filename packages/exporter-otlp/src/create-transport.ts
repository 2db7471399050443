import { createTransport, type Transport, type TransportOptions } from '@meridian/transport';
import { createOtlpLogExporter, type OtlpLogExporter } from './otlp-log-exporter.js';
import type { OtlpLogExporterOptions } from './options.js';

export interface OtlpLogTransportOptions extends OtlpLogExporterOptions {
  /** Transport settings (code wins over MERIDIAN_* variables); `compression` and `exportTimeoutMs` default to the exporter's. */
  transport?: Omit<TransportOptions, 'exporter'>;
}

/**
 * The usual way in: an OTLP log exporter behind a transport, with OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION
 * and _TIMEOUT mapped onto the transport's compression and export timeout. Throws a MeridianError
 * when the guards refuse the endpoints.
 */
export function createOtlpLogTransport(options: OtlpLogTransportOptions = {}): { transport: Transport; exporter: OtlpLogExporter } {
  const exporter = createOtlpLogExporter(options);
  const t = options.transport ?? {};
  const transport = createTransport({
    config: options.config,
    ...t,
    exporter,
    compression: t.compression ?? exporter.compression,
    exportTimeoutMs: t.exportTimeoutMs ?? exporter.exportTimeoutMs,
  });
  return { transport, exporter };
}
