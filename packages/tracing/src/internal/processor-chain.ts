import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * The provider's only span processor: extra processors first (e.g. redaction, in the order they were
 * added), then the exporting processors. Extras can be added after the provider is built, which the
 * 2.x SDK no longer allows on the provider itself. A throwing processor never reaches the host.
 */
export class ProcessorChain implements SpanProcessor {
  private readonly extras: SpanProcessor[];
  private readonly exporting: SpanProcessor[];
  private all: SpanProcessor[];

  constructor(extras: SpanProcessor[], exporting: SpanProcessor[]) {
    this.extras = extras.slice();
    this.exporting = exporting.slice();
    this.all = [...this.extras, ...this.exporting];
  }

  /** Insert an extra processor, before the exporting ones. Spans already started skip its onStart. */
  addExtra(processor: SpanProcessor): void {
    this.extras.push(processor);
    this.all = [...this.extras, ...this.exporting];
  }

  get size(): number {
    return this.all.length;
  }

  onStart(span: Span, parentContext: Context): void {
    const list = this.all;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i].onStart(span, parentContext);
      } catch {
        // a processor's failure must not reach the code that started the span
      }
    }
  }

  onEnd(span: ReadableSpan): void {
    const list = this.all;
    for (let i = 0; i < list.length; i++) {
      try {
        list[i].onEnd(span);
      } catch {
        // same as above
      }
    }
  }

  async forceFlush(): Promise<void> {
    // extras first: a processor that buffers (e.g. tail filtering) hands its spans on before export
    for (const p of this.extras) await p.forceFlush();
    await Promise.all(this.exporting.map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    for (const p of this.extras) await p.shutdown();
    await Promise.all(this.exporting.map((p) => p.shutdown()));
  }
}
