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
  /**
   * The request this scope belongs to: the nearest enclosing scope opened with
   * `withRequestContext()` (itself, if it was), else the outermost scope. Stable for the whole
   * request, so per-request state (e.g. the debug-line buffer) can be keyed by it.
   */
  readonly request: Scope;
  /** Opened by `withRequestContext()`. */
  readonly isRequest: boolean;
  /** One-slot memo for data derived from `snapshot` by one owner (see `ContextMemo`). */
  memoOwner: unknown;
  memoSnapshot: ContextFields | undefined;
  memoValue: unknown;
  constructor(snapshot: ContextFields, parent: Scope | undefined, isRequest: boolean) {
    this.snapshot = snapshot;
    this.isRequest = isRequest;
    this.request = isRequest || parent === undefined ? this : parent.request;
    this.memoOwner = undefined;
    this.memoSnapshot = undefined;
    this.memoValue = undefined;
  }
}

/**
 * The current scope as a reader that derives data from its fields sees it: the fields, plus a
 * one-slot memo a library can keep that data in (e.g. a logger's serialised fields), valid while
 * `memoOwner` is the library's and `memoSnapshot` is still `fields`. It lives as long as the scope:
 * no side table (a WeakMap keyed by each request's fields cost an ephemeron per request and
 * ~3 µs of GC work per request in the HTTP request-path bench).
 */
export interface ContextMemo {
  readonly snapshot: ContextFields;
  memoOwner: unknown;
  memoSnapshot: ContextFields | undefined;
  memoValue: unknown;
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
