import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Context,
  type SpanContext,
  type TextMapPropagator,
  type TraceState,
} from '@opentelemetry/api';

export const TID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const SID = '00f067aa0ba902b7';

/** Headers as a Node server sees them: lowercase names, repeated headers as arrays. */
export type Headers = Record<string, string | string[] | undefined>;

/** Extract from headers into a fresh context and return the remote span context, if any. */
export function extract(p: TextMapPropagator, headers: Headers): SpanContext | undefined {
  return trace.getSpanContext(p.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
}

/** Inject a context and return the headers written. */
export function inject(p: TextMapPropagator, ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  p.inject(ctx, out, defaultTextMapSetter);
  return out;
}

export function contextWith(sc: Partial<SpanContext> & { traceState?: TraceState }): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TID,
    spanId: SID,
    traceFlags: TraceFlags.SAMPLED,
    ...sc,
  } as SpanContext);
}

/** Deterministic PRNG (mulberry32) so simulated runs are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-hex-char trace id from `rand`. */
export function randomTraceId(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 4; i++)
    s += Math.floor(rand() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return s;
}
