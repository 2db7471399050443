/**
 * Importing @meridian/exporter-otlp registers it as the `otlp` log exporter, so
 * `MERIDIAN_LOG_EXPORTERS=otlp` (createLogger() and the default logger) sends through it. Its
 * OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION / _TIMEOUT apply to the transport (the exporter carries them).
 */
import { registerExporter } from '@meridian/transport';
import { createOtlpLogExporter } from './otlp-log-exporter.js';

registerExporter('otlp', (config) => createOtlpLogExporter({ config }));
