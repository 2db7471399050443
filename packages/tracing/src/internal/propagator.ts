import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { PropagatorName } from '@meridian/config';

/**
 * The one place propagators are built from their configured names (`OTEL_PROPAGATORS`).
 * An empty list (`none`) gives a composite with nothing in it: no header is read or written.
 * Kept small on purpose: a later issue swaps in Meridian's strict propagator here.
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  for (const name of names) {
    if (name === 'tracecontext') propagators.push(new W3CTraceContextPropagator());
    else if (name === 'baggage') propagators.push(new W3CBaggagePropagator());
  }
  return new CompositePropagator({ propagators });
}
