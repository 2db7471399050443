/**
 * Deep copy with redaction. The input is never mutated; plain objects keep their keys and order,
 * arrays their length; Maps, Sets and Errors are copied; values with toJSON (other than Date) are
 * replaced by their redacted JSON form; cycles become "[Circular]" and nesting beyond maxDepth
 * becomes "[Truncated]", so the result always serialises.
 */
import type { KeyMatcher } from './keys.js';

export interface WalkHooks {
  redactString(s: string): string;
  /** The replacement for a value under a sensitive key. */
  maskField(value: unknown): unknown;
  keys: KeyMatcher;
  maxDepth: number;
}

export const CIRCULAR = '[Circular]';
export const TRUNCATED = '[Truncated]';
export const UNREADABLE = '[Unreadable]';

export function walk(value: unknown, h: WalkHooks, depth: number, ancestors: object[]): unknown {
  if (typeof value === 'string') return h.redactString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= h.maxDepth) return TRUNCATED;
  if (ancestors.includes(value)) return CIRCULAR;
  if (Object.getPrototypeOf(value) === Object.prototype) return copyPlain(value as Record<string, unknown>, h, depth, ancestors);
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = walk(value[i], h, depth + 1, ancestors);
      return out;
    }
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      for (const [k, v] of value) {
        out.set(k, typeof k === 'string' && h.keys.isSensitiveField(k) ? h.maskField(v) : walk(v, h, depth + 1, ancestors));
      }
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      for (const v of value) out.add(walk(v, h, depth + 1, ancestors));
      return out;
    }
    if (value instanceof Error) return copyError(value, h, depth, ancestors);
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') {
        let json: unknown;
        try {
          json = toJSON.call(value);
        } catch {
          return UNREADABLE;
        }
        return walk(json, h, depth + 1, ancestors);
      }
    }
    const out = (proto === Object.prototype ? {} : Object.create(proto as object | null)) as Record<string, unknown>;
    for (const k of Object.keys(value)) {
      let v: unknown;
      try {
        v = (value as Record<string, unknown>)[k];
      } catch {
        out[k] = UNREADABLE;
        continue;
      }
      out[k] = h.keys.isSensitiveField(k) ? h.maskField(v) : walk(v, h, depth + 1, ancestors);
    }
    return out;
  } finally {
    ancestors.pop();
  }
}

/** The common case (log records): checked first, before the instanceof chain. */
function copyPlain(value: Record<string, unknown>, h: WalkHooks, depth: number, ancestors: object[]): Record<string, unknown> {
  ancestors.push(value);
  try {
    const out: Record<string, unknown> = {};
    const keys = h.keys;
    for (const k of Object.keys(value)) {
      let v: unknown;
      try {
        v = value[k];
      } catch {
        out[k] = UNREADABLE;
        continue;
      }
      if (keys.isSensitiveField(k)) out[k] = h.maskField(v);
      else if (typeof v === 'string') out[k] = h.redactString(v);
      else if (typeof v !== 'object' || v === null) out[k] = v;
      else out[k] = walk(v, h, depth + 1, ancestors);
    }
    return out;
  } finally {
    ancestors.pop();
  }
}

function copyError(e: Error, h: WalkHooks, depth: number, ancestors: object[]): Error {
  const out = Object.create(Object.getPrototypeOf(e) as object | null) as Error;
  for (const k of Object.getOwnPropertyNames(e)) {
    const d = Object.getOwnPropertyDescriptor(e, k);
    if (d === undefined) continue;
    let v: unknown;
    if ('value' in d) {
      v = d.value;
    } else {
      // Newer V8 (Node 24) makes `stack` an own accessor: read it, and store the redacted text as data —
      // copying the accessor would hand back the original, unredacted stack.
      try {
        v = (e as unknown as Record<string, unknown>)[k];
      } catch {
        v = UNREADABLE;
      }
    }
    v = h.keys.isSensitiveField(k) ? h.maskField(v) : walk(v, h, depth + 1, ancestors);
    Object.defineProperty(out, k, { value: v, enumerable: d.enumerable === true, writable: true, configurable: true });
  }
  return out;
}
