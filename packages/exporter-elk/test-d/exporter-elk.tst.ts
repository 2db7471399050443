// Type tests of @meridian/exporter-elk's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import type { Exporter, Transport } from '@meridian/transport';
import {
  type EcsDocument,
  type ElasticsearchExporterOptions,
  type LogstashExporter,
  type LogstashExporterOptions,
  createElasticsearchDestination,
  createElasticsearchExporter,
  createLogstashDestination,
  createLogstashExporter,
  toEcs,
} from '@meridian/exporter-elk';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const logstashOptions: LogstashExporterOptions = {
  url: 'tls://logstash.example.com:5044',
  format: 'ecs',
  delivery: 'window',
  confirmMs: 250,
  region: 'eu-central-1',
  connectTimeoutMs: 5000,
};
const logstash: LogstashExporter = createLogstashExporter(logstashOptions);
const connections: number = logstash.connections;
// @ts-expect-error: misspelt option (delivery)
createLogstashExporter({ delivrey: 'close' });
// @ts-expect-error: format is ecs or meridian
createLogstashExporter({ format: 'gelf' });
// @ts-expect-error: delivery is close or window
createLogstashExporter({ delivery: 'at-least-once' });

const esOptions: ElasticsearchExporterOptions = {
  url: 'https://es.example.com:9200',
  index: 'logs-{service}-default',
  apiKey: 'base64key',
  documentIds: true,
  headers: { 'x-tenant': 'a' },
};
const es: Exporter = createElasticsearchExporter(esOptions);
// @ts-expect-error: misspelt option (apiKey)
createElasticsearchExporter({ apikey: 'x' });
// @ts-expect-error: documentIds is a boolean
createElasticsearchExporter({ documentIds: 'auto' });
const a: Transport = createLogstashDestination({ ...logstashOptions, transport: { batchDelayMs: 500 } });
const b: Transport = createElasticsearchDestination({ ...esOptions, transport: { queueMaxRecords: 5000 } });
const doc: EcsDocument = toEcs('{"timestamp":"2026-01-01T00:00:00.000Z","level":"info","message":"hi"}', { level: 'info' });
// @ts-expect-error: toEcs takes a line or a record object
toEcs(42);
expectTrue<Equal<EcsDocument, Record<string, unknown>>>(true);
void [connections, es, a, b, doc];
