import type { Span } from '@opentelemetry/sdk-trace-base';
import { isRandomTrace } from '@meridian/propagation';

/** W3C Trace Context Level 2: trace-flags bit 1, "random trace id". */
const FLAG_RANDOM = 0x02;

/**
 * Makes a started span's own trace flags say what its `traceparent` says. The SDK sets a new span's
 * flags from the sampling decision alone (0x01 or 0x00), so a trace known to have a random trace
 * id (a root we started with MeridianIdGenerator, or a parent extracted with 0x02) went out on
 * the wire as `…-03` while the exported span, and the log lines written inside it, said `01`.
 * The SDK hands processors the span's own SpanContext object, before anyone else sees the span;
 * setting the bit there makes exporters, log correlation and the propagator read one value.
 * Non-recording spans never reach a processor: their traceparent still carries 0x02 (from the
 * TraceState mark) while their context says 0x00; nothing exports them.
 */
export function markRandomTraceFlag(span: Span): void {
  const sc = span.spanContext();
  if ((sc.traceFlags & FLAG_RANDOM) === 0 && isRandomTrace(sc)) sc.traceFlags |= FLAG_RANDOM;
}
