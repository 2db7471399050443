import { createContextKey, type Context, type TextMapGetter } from '@opentelemetry/api';

/**
 * The key @opentelemetry/core uses to suppress tracing (exporters set it around their own
 * requests). `createContextKey` is `Symbol.for(description)`, so this is the same key without a
 * runtime dependency on core.
 */
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

export function isTracingSuppressed(context: Context): boolean {
  return context.getValue(SUPPRESS_TRACING_KEY) === true;
}

/** One header as read: absent, a single value, or several values (repeated header lines). */
export type HeaderRead = undefined | string | string[];

/**
 * Read a header through the getter. With `anyCase`, names are matched case-insensitively
 * over `getter.keys()` when the exact lookup misses (generic carriers; Node lowercases HTTP
 * header names itself, so HTTP servers do not need it).
 */
export function readHeader<C>(getter: TextMapGetter<C>, carrier: C, name: string, anyCase: boolean): HeaderRead {
  const v = getter.get(carrier, name);
  if (v !== undefined || !anyCase) return normalise(v);
  let found: string[] | undefined;
  for (const k of getter.keys(carrier)) {
    if (k.length !== name.length || k === name || k.toLowerCase() !== name) continue;
    const got = normalise(getter.get(carrier, k));
    if (got === undefined) continue;
    found ??= [];
    if (typeof got === 'string') found.push(got);
    else found.push(...got);
  }
  if (found === undefined) return undefined;
  return found.length === 1 ? found[0] : found;
}

function normalise(v: unknown): HeaderRead {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const strings = v.filter((x): x is string => typeof x === 'string');
    if (strings.length === 0) return undefined;
    return strings.length === 1 ? strings[0] : strings;
  }
  return undefined;
}
