/**
 * Spans to Elasticsearch, as the documents Elastic's APM data model uses (`spanToEcs`: transactions
 * and spans with trace.id, span.id, parent.id, event.duration, service.*), through `_bulk` on
 * Meridian's transport — the same queue, retries, gzip, spool and drop counts as logs — so a team
 * that stores traces in Elasticsearch needs no collector. `OTEL_TRACES_EXPORTER=elasticsearch`.
 */
import { buildResourceAttributes, getConfig } from '@meridian/config';
import type { ItemExporter, Level, LogEntry } from '@meridian/transport';
import { createElasticsearchExporter, type ElasticsearchExporterOptions } from './elasticsearch-exporter.js';
import { isEcsTransaction, spanToEcs, type EcsSpanInput } from './span-ecs.js';

export interface ElasticsearchSpanExporterOptions extends Omit<ElasticsearchExporterOptions, 'prebuiltDocuments'> {
  /** Resource attributes of the documents' service/host/process fields; default the process resource (@meridian/config). */
  resource?: { readonly attributes: Readonly<Record<string, unknown>> };
}

/** Fixed-shape queue entry of one span document. */
class SpanDocument implements LogEntry {
  constructor(
    readonly time: number,
    readonly level: Level,
    readonly levelValue: number,
    readonly line: string,
  ) {}
}

const STATUS_ERROR = 2;

/** An Elasticsearch span exporter for @meridian/transport; throws a MeridianError like `createElasticsearchExporter`. */
export function createElasticsearchSpanExporter(options: ElasticsearchSpanExporterOptions = {}): ItemExporter<EcsSpanInput, LogEntry> {
  const config = options.config ?? getConfig();
  const resource = options.resource ?? { attributes: buildResourceAttributes(config.service) };
  const service = options.service ?? String(resource.attributes['service.name'] ?? config.service.name);
  const inner = createElasticsearchExporter({
    ...options,
    name: options.name ?? 'elasticsearch-spans',
    index: options.index ?? config.elk.elasticsearch.tracesIndex,
    service,
    prebuiltDocuments: true,
    config,
  });
  const attrs = resource as { readonly attributes: Readonly<Record<string, never>> };
  // The transaction (local root) each span started under, for `transaction.id` on span documents: Elastic
  // APM groups a transaction's spans by it. Weak: an entry goes with its span.
  const transactionOf = new WeakMap<EcsSpanInput, string>();
  return {
    ...inner,
    onStart(span: EcsSpanInput, parent: EcsSpanInput | undefined): void {
      if (isEcsTransaction(span)) return;
      const tx = parent === undefined ? undefined : isEcsTransaction(parent) ? parent.spanContext().spanId : transactionOf.get(parent);
      if (tx !== undefined) transactionOf.set(span, tx);
    },
    toEntry(span: EcsSpanInput): LogEntry {
      const end = span.endTime;
      const error = span.status.code === STATUS_ERROR;
      const doc = spanToEcs(span, attrs, { transactionId: transactionOf.get(span) });
      return new SpanDocument(end[0] * 1000 + end[1] / 1e6, error ? 'error' : 'info', error ? 50 : 30, JSON.stringify(doc));
    },
  };
}
