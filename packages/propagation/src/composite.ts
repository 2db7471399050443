import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { W3CBaggageStrictPropagator } from './baggage-propagator.js';
import { W3CTraceContextStrictPropagator, type TraceContextPropagatorOptions } from './trace-context-propagator.js';

export type MeridianPropagatorName = 'tracecontext' | 'baggage';

/** Runs several propagators in order; one failing never stops the others. */
class CompositePropagator implements TextMapPropagator {
  private readonly _list: readonly TextMapPropagator[];
  private readonly _fields: string[];

  constructor(list: TextMapPropagator[]) {
    this._list = list;
    const fields = new Set<string>();
    for (const p of list) for (const f of p.fields()) fields.add(f);
    this._fields = [...fields];
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    for (const p of this._list) {
      try {
        p.inject(context, carrier, setter);
      } catch {
        // telemetry never throws into the host
      }
    }
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let ctx = context;
    for (const p of this._list) {
      try {
        ctx = p.extract(ctx, carrier, getter);
      } catch {
        // keep what the others extracted
      }
    }
    return ctx;
  }

  fields(): string[] {
    return this._fields.slice();
  }
}

/**
 * The propagator `@meridian/tracing` installs: the strict propagators for the names given
 * (from OTEL_PROPAGATORS, parsed by @meridian/config), in that order, duplicates ignored.
 * An empty list gives a propagator that does nothing; `none` is accepted and ignored, so
 * `@meridian/config`'s PropagatorName[] can be passed as is.
 */
export function createMeridianPropagator(names: readonly (MeridianPropagatorName | 'none')[], options: TraceContextPropagatorOptions = {}): TextMapPropagator {
  const list: TextMapPropagator[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === 'tracecontext') list.push(new W3CTraceContextStrictPropagator(options));
    else if (name === 'baggage') list.push(new W3CBaggageStrictPropagator({ anyCaseHeaderNames: options.anyCaseHeaderNames }));
  }
  return new CompositePropagator(list);
}
