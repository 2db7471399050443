import { createContextKey, type Context } from '@opentelemetry/api';

/** The value Meridian stores on the OpenTelemetry context: readonly fields, JSON-able values. */
export type ContextFields = Readonly<Record<string, unknown>>;

/**
 * One per `withContext()` call. The holder is mutable (so `setContextField` is seen by every
 * continuation of the scope); the snapshot it holds never is (so readers may cache by identity).
 * Fixed shape: one property.
 */
export class Scope {
  snapshot: ContextFields;
  constructor(snapshot: ContextFields) {
    this.snapshot = snapshot;
  }
}

export const SCOPE_KEY = createContextKey('meridian.context.scope');

export function scopeOf(ctx: Context): Scope | undefined {
  const v = ctx.getValue(SCOPE_KEY);
  return v instanceof Scope ? v : undefined;
}

export const EMPTY_FIELDS: ContextFields = Object.freeze({});

/**
 * Merge `extra` over `base` into a new frozen object. Keys must be strings; an `undefined`
 * value removes the key (so a child scope can hide a parent field).
 */
export function mergeFields(base: ContextFields, extra: Readonly<Record<string, unknown>> | undefined): ContextFields {
  const out: Record<string, unknown> = { ...base };
  if (extra != null) {
    for (const key of Object.keys(extra)) {
      const value = extra[key];
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
  }
  return Object.freeze(out);
}
