/**
 * Errors as { type, message, stack, code?, cause?, errors? }. Causes are followed up to
 * MAX_CAUSE_DEPTH levels (then "[Cause chain truncated]"); a cause cycle becomes "[Circular]".
 * `code` is kept when it is a string or a finite number. Every property read is guarded.
 */
import { types } from 'node:util';
import { ctorName, safeString, thrownMarker } from './value-helpers.js';

/** Causes beyond this many levels become "[Cause chain truncated]". */
export const MAX_CAUSE_DEPTH = 5;

/** What the error writer needs from the serialiser. */
export interface ValueWriter {
  readonly maxDepth: number;
  /** A string as a redacted, bounded JSON literal. */
  str(s: string): string;
  /** Any value as JSON text, or undefined for "leave the key out". */
  val(v: unknown, depth: number, stack: object[]): string | undefined;
}

/** { type, message, stack, code?, cause?, errors? } for an Error at nesting `depth`, `causeDepth` causes down. */
export function errorJson(w: ValueWriter, err: Error, depth: number, stack: object[], causeDepth: number): string {
  const e = err as Error & { code?: unknown; cause?: unknown; errors?: unknown };
  let out = '{"type":' + w.str(errorType(e));
  out += ',"message":' + readString(w, e, 'message');
  const st = readString(w, e, 'stack');
  if (st !== 'null') out += ',"stack":' + st;
  let code: unknown;
  try {
    code = e.code;
  } catch {
    code = undefined;
  }
  if (typeof code === 'string') out += ',"code":' + w.str(code);
  else if (typeof code === 'number' && Number.isFinite(code)) out += ',"code":' + code;
  let cause: unknown;
  let hasCause = false;
  try {
    hasCause = 'cause' in e;
    if (hasCause) cause = e.cause;
  } catch (x) {
    cause = thrownMarker('', x);
  }
  if (hasCause && cause !== undefined) {
    out += ',"cause":';
    if (typeof cause === 'object' && cause !== null && stack.includes(cause)) out += '"[Circular]"';
    else if (causeDepth + 1 > MAX_CAUSE_DEPTH || depth + 1 > w.maxDepth) out += '"[Cause chain truncated]"';
    else if (cause instanceof Error || types.isNativeError(cause)) {
      stack.push(cause);
      try {
        out += errorJson(w, cause as Error, depth + 1, stack, causeDepth + 1);
      } finally {
        stack.pop();
      }
    } else out += w.val(cause, depth + 1, stack) ?? 'null';
  }
  if (err instanceof AggregateError) {
    let errors: unknown;
    try {
      errors = e.errors;
    } catch {
      errors = undefined;
    }
    if (Array.isArray(errors)) out += ',"errors":' + (w.val(errors, depth + 1, stack) ?? 'null');
  }
  return out + '}';
}

function readString(w: ValueWriter, e: object, key: 'message' | 'stack'): string {
  let v: unknown;
  try {
    v = (e as Record<string, unknown>)[key];
  } catch (x) {
    return w.str(thrownMarker('', x));
  }
  if (v === undefined || v === null) return key === 'message' ? '""' : 'null';
  return w.str(typeof v === 'string' ? v : safeString(v));
}

function errorType(e: Error): string {
  try {
    const name = e.name;
    if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
    const c = ctorName(e);
    return c === 'Object' ? 'Error' : c;
  } catch {
    return 'Error';
  }
}
