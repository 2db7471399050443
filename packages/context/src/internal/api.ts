import { context, type Context } from '@opentelemetry/api';
import type { EventEmitter } from 'node:events';
import { diagnose } from '@meridian/config';
import { ensureContextManagerOnce } from './manager.js';
import { EMPTY_FIELDS, SCOPE_KEY, Scope, mergeFields, scopeOf, type ContextFields } from './scope.js';

/** Diagnostic code printed (once) when `setContextField` is called outside any `withContext` scope. */
export const ERR_CONTEXT_NO_SCOPE = 'MERIDIAN_ERR_CONTEXT_NO_SCOPE';
/** Diagnostic code printed when `setContextField` receives a key that is not a string. */
export const ERR_CONTEXT_FIELD = 'MERIDIAN_ERR_CONTEXT_FIELD';

/**
 * Run `fn` with the current fields merged with `fields` (`fields` win; an `undefined` value removes a
 * key). Returns what `fn` returns (a promise stays a promise). The new scope snapshots the parent's
 * fields when it is entered; fields set later in the parent are not seen by an already-running child.
 */
export function withContext<R>(fields: Readonly<Record<string, unknown>>, fn: () => R): R {
  return enter(fields, fn, false);
}

/**
 * `withContext` for the scope of one incoming request (what the HTTP adapters call). Nested
 * `withContext` scopes inside it belong to the same request: `getRequestScope()` returns this
 * scope's identity for all of them, for the whole request.
 */
export function withRequestContext<R>(fields: Readonly<Record<string, unknown>>, fn: () => R): R {
  return enter(fields, fn, true);
}

function enter<R>(fields: Readonly<Record<string, unknown>>, fn: () => R, isRequest: boolean): R {
  ensureContextManagerOnce();
  return context.with(scoped(context.active(), fields, isRequest), fn);
}

function scoped(parent: Context, fields: Readonly<Record<string, unknown>> | undefined, isRequest: boolean): Context {
  const outer = scopeOf(parent);
  const scope = new Scope(mergeFields(outer === undefined ? EMPTY_FIELDS : outer.snapshot, fields), outer, isRequest);
  return parent.setValue(SCOPE_KEY, scope);
}

/**
 * The context `withRequestContext(fields, …)` would run in, built on `parent` (not the active
 * context) and not entered: `parent`'s fields merged with `fields` in a new request scope. For
 * adapters that put a span and the request fields into one context and enter it once
 * (`context.with(ctx, handler)`): each entry costs an AsyncLocalStorage run, and the HTTP adapters
 * used to pay two per request for this (span context, then request scope).
 */
export function contextWithRequestFields(parent: Context, fields: Readonly<Record<string, unknown>>): Context {
  ensureContextManagerOnce();
  return scoped(parent, fields, true);
}

/** The request identity (as `getRequestScope()` returns it) stored on a given context, e.g. one built by `contextWithRequestFields`. */
export function getRequestScopeFrom(ctx: Context): object | undefined {
  const scope = scopeOf(ctx);
  return scope === undefined ? undefined : scope.request;
}

/**
 * An opaque object identifying the current request (the nearest `withRequestContext` scope, else the
 * outermost `withContext` scope), or `undefined` outside any scope. The same object for the whole
 * request whatever fields are set, so it can key per-request state in a WeakMap.
 */
export function getRequestScope(): object | undefined {
  const scope = scopeOf(context.active());
  return scope === undefined ? undefined : scope.request;
}

/**
 * Data derived from the current fields, computed once per fields version and `owner` and kept on the
 * scope (two owners side by side, e.g. a logger's serialised fields and a winston format's redacted
 * copy), or `undefined` outside any scope. `derive` should be a function built once (no per-call
 * closure); it receives the frozen fields.
 */
export function derivedFromContext<T>(owner: object, derive: (fields: ContextFields) => T): T | undefined {
  const scope = scopeOf(context.active());
  return scope === undefined ? undefined : scope.derived(owner, derive);
}

/** `derivedFromContext` for a given OTel context (e.g. one captured at a winston call site). */
export function derivedFromContextOf<T>(ctx: Context, owner: object, derive: (fields: ContextFields) => T): T | undefined {
  const scope = scopeOf(ctx);
  return scope === undefined ? undefined : scope.derived(owner, derive);
}

/**
 * The current fields: a frozen plain object, or `undefined` outside any `withContext` scope.
 * The object never changes; it gets a new identity whenever the fields change, so callers may
 * cache work derived from it by identity.
 */
export function getContext(): ContextFields | undefined {
  const scope = scopeOf(context.active());
  return scope === undefined ? undefined : scope.snapshot;
}

/** The fields stored on a given OTel context (e.g. the parent context a span processor receives). */
export function getContextFrom(ctx: Context): ContextFields | undefined {
  const scope = scopeOf(ctx);
  return scope === undefined ? undefined : scope.snapshot;
}

/**
 * Set one field in the innermost `withContext` scope: seen from now on by everything running in that
 * scope (other continuations of the same request included), never by the parent scope or by
 * concurrent requests. `undefined` removes the field. Outside any scope: no-op plus one diagnostic.
 */
export function setContextField(key: string, value: unknown): void {
  const scope = scopeOf(context.active());
  if (scope === undefined) {
    diagnose(
      ERR_CONTEXT_NO_SCOPE,
      'setContextField() was called outside any withContext() scope; the field was dropped. ' +
        'Accepted: call it inside withContext(fields, fn) (e.g. from request middleware)',
    );
    return;
  }
  if (typeof key !== 'string') {
    diagnose(ERR_CONTEXT_FIELD, `setContextField() received a ${typeof key} key; accepted: a string; the field was dropped`);
    return;
  }
  if (value === undefined ? !(key in scope.snapshot) : scope.snapshot[key] === value) return;
  scope.snapshot = mergeFields(scope.snapshot, { [key]: value });
}

/** Bind `fn` to the context active now: whenever it is called later, it runs in this context. */
export function bindContext<F extends (...args: never[]) => unknown>(fn: F): F {
  ensureContextManagerOnce();
  return context.bind(context.active(), fn);
}

/**
 * Bind every listener added to `emitter` from now on to the context active now (for emitters that
 * are driven from outside the request, e.g. a shared connection). Returns the same emitter.
 */
export function bindEmitter<E extends EventEmitter>(emitter: E): E {
  ensureContextManagerOnce();
  return context.bind(context.active(), emitter);
}
