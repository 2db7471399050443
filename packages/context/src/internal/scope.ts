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
  /**
   * Two memo slots for data derived from `snapshot` (see `derivedFromContext`): the logger's
   * serialised fields and, with winston, the format's redacted copy. Fixed shape, no array.
   */
  owner0: unknown;
  snap0: ContextFields | undefined;
  value0: unknown;
  owner1: unknown;
  snap1: ContextFields | undefined;
  value1: unknown;
  constructor(snapshot: ContextFields, parent: Scope | undefined, isRequest: boolean) {
    this.snapshot = snapshot;
    this.isRequest = isRequest;
    this.request = isRequest || parent === undefined ? this : parent.request;
    this.owner0 = undefined;
    this.snap0 = undefined;
    this.value0 = undefined;
    this.owner1 = undefined;
    this.snap1 = undefined;
    this.value1 = undefined;
  }

  /**
   * `derive(snapshot)`, computed once per snapshot and owner. Two owners are kept side by side; a third
   * takes the slot not used last (measured: a side WeakMap keyed by each request's fields cost an
   * ephemeron per request and ~3 µs of GC work per request in the HTTP request-path bench).
   */
  derived<T>(owner: object, derive: (fields: ContextFields) => T): T {
    const fields = this.snapshot;
    if (this.owner0 === owner) {
      if (this.snap0 !== fields) {
        this.value0 = derive(fields);
        this.snap0 = fields;
      }
      return this.value0 as T;
    }
    if (this.owner1 !== owner || this.snap1 !== fields) {
      const value = derive(fields);
      // slot 1 becomes slot 0's neighbour: the newest owner goes to slot 1, the previous one moves to slot 0
      if (this.owner1 !== owner && this.owner1 !== undefined) {
        this.owner0 = this.owner1;
        this.snap0 = this.snap1;
        this.value0 = this.value1;
      }
      this.owner1 = owner;
      this.snap1 = fields;
      this.value1 = value;
    }
    return this.value1 as T;
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
