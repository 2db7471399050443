import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { markRandomTraceFlag } from './random-flag-marker.js';

/**
 * The provider's only span processor: it first gives a started span the random-trace-id flag its
 * traceparent carries (random-flag-marker.ts), then runs extra processors (e.g. redaction, in the
 * order they were added), then the exporting processors. Extras can be added after the provider is built, which the
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
    try {
      // first, so every processor and exporter sees the flags the traceparent carries
      markRandomTraceFlag(span);
    } catch {
      // a span object of another shape: its flags stay as the SDK set them
    }
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
