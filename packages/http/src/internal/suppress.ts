import { createContextKey, type Context } from '@opentelemetry/api';

/**
 * The key `suppressTracing()` of @opentelemetry/core sets while an exporter sends (the SDK batch and
 * simple span processors wrap export() in it). `createContextKey` uses `Symbol.for(description)`, so
 * the same description gives the same key without a runtime dependency on @opentelemetry/core.
 */
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

export function isSuppressed(ctx: Context): boolean {
  return ctx.getValue(SUPPRESS_TRACING_KEY) === true;
}
