import type { TextMapPropagator } from '@opentelemetry/api';
import type { PropagatorName } from '@meridian/config';
import { createMeridianPropagator } from '@meridian/propagation';

/**
 * The one place propagators are built from their configured names (`OTEL_PROPAGATORS`):
 * Meridian's strict W3C Trace Context Level 2 and Baggage propagators (@meridian/propagation).
 * An empty list (`none`) gives a composite with nothing in it: no header is read or written.
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator {
  return createMeridianPropagator(names);
}
