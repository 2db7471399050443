/**
 * Spans onto Meridian's pipeline: at `onEnd` a sampled span is turned into its exporter's queue entry
 * (OTLP: one protobuf ScopeSpans; Elasticsearch: one ECS document) and written to a transport — the
 * same bounded queue, batching, retries, gzip, spool, failover and drop counters as logs. The SDK's
 * BatchSpanProcessor is not used: its queue drops silently and its exporter path serialised ~20 µs of
 * JSON per span on the serving thread.
 */
import { TraceFlags, trace, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ItemExporter, QueueEntry, Transport } from '@meridian/transport';

export class TransportSpanProcessor implements SpanProcessor {
  constructor(
    readonly transport: Transport<QueueEntry>,
    private readonly exporter: Pick<ItemExporter<ReadableSpan>, 'toEntry' | 'onStart'>,
  ) {}

  /** Only for an exporter that asks (`onStart`): the span and its local parent span, if the context holds one. */
  onStart(span: Span, parentContext: Context): void {
    const onStart = this.exporter.onStart;
    if (onStart === undefined) return;
    try {
      // The SDK's spans are ReadableSpans too; a remote parent is a non-recording span the exporter cannot know.
      const parent = trace.getSpan(parentContext) as unknown as ReadableSpan | undefined;
      onStart.call(this.exporter, span, parent);
    } catch {
      // Never thrown into the application: the span is still exported at its end, without what onStart adds.
    }
  }

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    let entry: QueueEntry;
    try {
      entry = this.exporter.toEntry(span);
    } catch {
      // A bug, or a span object the encoder cannot read: never thrown, counted as the transport's drop.
      this.transport.countLost('encode_error');
      return;
    }
    this.transport.write(entry);
  }

  forceFlush(): Promise<void> {
    return this.transport.flush();
  }

  shutdown(): Promise<void> {
    return this.transport.close();
  }
}
