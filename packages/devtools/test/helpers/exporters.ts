/** Stock OpenTelemetry pipelines pointed at a collector, for tests. */
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';

export type Protocol = 'json' | 'protobuf';
type Compression = NonNullable<NonNullable<ConstructorParameters<typeof JsonTraceExporter>[0]>['compression']>;
// The exporters' config type is an enum whose values are these strings ('gzip' | 'none').
const compression = (gzip: boolean): Compression => (gzip ? 'gzip' : 'none') as unknown as Compression;

export function traceExporter(url: string, protocol: Protocol, gzip: boolean): JsonTraceExporter | ProtoTraceExporter {
  const config = { url: `${url}/v1/traces`, compression: compression(gzip), timeoutMillis: 5_000 };
  return protocol === 'json' ? new JsonTraceExporter(config) : new ProtoTraceExporter(config);
}

export function logExporter(url: string, protocol: Protocol, gzip: boolean): JsonLogExporter | ProtoLogExporter {
  const config = { url: `${url}/v1/logs`, compression: compression(gzip), timeoutMillis: 5_000 };
  return protocol === 'json' ? new JsonLogExporter(config) : new ProtoLogExporter(config);
}
