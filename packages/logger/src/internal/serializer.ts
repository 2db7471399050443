/**
 * Safe JSON serialisation: any value in, valid single-line JSON text out, never a throw.
 * Writes JSON text directly (no intermediate copy), so the caller's objects are only read,
 * never touched. Rules (also in the README):
 *   circular reference → "[Circular]"        bigint → "123" (string)
 *   NaN / ±Infinity → null                    function → "[Function name]"
 *   symbol value → "Symbol(desc)"             symbol keys → skipped
 *   throwing getter / toJSON → "[Thrown: …]"  Date → ISO 8601 UTC string (invalid → null)
 *   Map → object (keys stringified)           Set → array
 *   Buffer / typed array / ArrayBuffer → { type, byteLength, base64 (first 32 bytes), truncated? }
 *   object or array deeper than maxDepth → "[Object]" / "[Array]"
 *   string longer than maxStringLength → cut, plus "…[truncated N chars]"
 *   Error → { type, message, stack, code?, cause?, errors? }, causes followed up to 5 levels
 */
import { types } from 'node:util';
import { errorJson, type ValueWriter } from './error-json.js';
import { keyPiece, quote } from './json-string.js';
import { REDACTED, type RedactionHook } from './redaction.js';
import { outputKey } from './reserved-keys.js';
import { binary, ctorName, thrownMarker } from './value-helpers.js';

export interface SerializerOptions {
  maxStringLength: number;
  maxDepth: number;
  redaction: RedactionHook | undefined;
}

/** Characters fed to redactString beyond the cut of an over-long string, so a secret across the cut is still seen whole. */
const REDACT_MARGIN = 1024;

const hasOwn = Object.prototype.hasOwnProperty;
const objectProto = Object.prototype;
const dateGetTime = Date.prototype.getTime;

export class Serializer implements ValueWriter {
  readonly maxStringLength: number;
  readonly maxDepth: number;
  readonly redaction: RedactionHook | undefined;
  /** Ancestors of the value being written (cycle detection); reused between calls. */
  private readonly stack: object[] = [];
  private busy = false;

  constructor(options: SerializerOptions) {
    this.maxStringLength = options.maxStringLength;
    this.maxDepth = options.maxDepth;
    this.redaction = options.redaction;
  }

  /** A string as a JSON string literal: redacted, bounded, escaped. */
  str(s: string): string {
    const r = this.redaction;
    const max = this.maxStringLength;
    const len = s.length;
    if (len <= max) return quote(r === undefined ? s : r.redactString(s));
    // Do not leave half of a surrogate pair at the cut.
    const c = s.charCodeAt(max - 1);
    const kept = c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
    let head = r === undefined ? s.slice(0, kept) : r.redactString(s.slice(0, kept + REDACT_MARGIN)).slice(0, kept);
    const last = head.charCodeAt(head.length - 1);
    if (r !== undefined && last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
    return quote(`${head}…[truncated ${len - kept} chars]`);
  }

  /**
   * Output keys of the last `fields()` call that were also in one of its `shadow` sets (the
   * bindings' and the context's keys), so the caller can drop those from the earlier layers.
   * Undefined when there were none. Read it right after the call.
   */
  lastHits: string[] | undefined = undefined;
  private shadowA: ReadonlySet<string> | undefined = undefined;
  private shadowB: ReadonlySet<string> | undefined = undefined;
  private hits: string[] | undefined = undefined;

  /**
   * Top-level fields as `,"key":value` pairs (reserved keys renamed, see reserved-keys.ts).
   * Returns '' for an object without fields.
   */
  fields(obj: object, shadowA?: ReadonlySet<string>, shadowB?: ReadonlySet<string>): string {
    const reentrant = this.busy;
    const stack = reentrant ? [] : this.stack;
    const outerA = this.shadowA;
    const outerB = this.shadowB;
    const outerHits = this.hits;
    this.shadowA = shadowA;
    this.shadowB = shadowB;
    this.hits = undefined;
    this.busy = true;
    try {
      stack.push(obj);
      if (types.isNativeError(obj) || obj instanceof Error) {
        this.shadowed('error');
        return ',"error":' + errorJson(this, obj as Error, 1, stack, 0);
      }
      if (types.isMap(obj)) return this.mapPairs(obj as Map<unknown, unknown>, 1, stack, true);
      return this.pairs(obj, 1, stack, true);
    } catch (e) {
      return ',"fields":' + this.str(thrownMarker('', e));
    } finally {
      // The traversal pushes and pops in balance; only the top object (or a throw) is left.
      if (stack.length !== 0) stack.length = 0;
      if (!reentrant) this.busy = false;
      this.lastHits = this.hits;
      this.shadowA = outerA;
      this.shadowB = outerB;
      this.hits = outerHits;
    }
  }

  private shadowed(name: string): void {
    if ((this.shadowA !== undefined && this.shadowA.has(name)) || (this.shadowB !== undefined && this.shadowB.has(name))) {
      (this.hits ??= []).push(name);
    }
  }

  /** One value as JSON text (used for errors passed as the message). */
  value(v: unknown): string {
    const reentrant = this.busy;
    const stack = reentrant ? [] : this.stack;
    this.busy = true;
    try {
      return this.val(v, 1, stack) ?? 'null';
    } catch (e) {
      return this.str(thrownMarker('', e));
    } finally {
      // The traversal pushes and pops in balance; only the top object (or a throw) is left.
      if (stack.length !== 0) stack.length = 0;
      if (!reentrant) this.busy = false;
    }
  }

  /**
   * Top-level fields one by one, as `[outputKey, ',"key":value']` (child bindings, serialised once
   * at `child()` time and kept per key so a child's binding replaces its parent's).
   */
  entries(obj: object): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const reentrant = this.busy;
    const stack = reentrant ? [] : this.stack;
    const outerA = this.shadowA;
    const outerB = this.shadowB;
    this.shadowA = undefined;
    this.shadowB = undefined;
    this.busy = true;
    try {
      stack.push(obj);
      this.pairs(obj, 1, stack, true, out);
    } catch (e) {
      out.push(['fields', ',"fields":' + this.str(thrownMarker('', e))]);
    } finally {
      // The traversal pushes and pops in balance; only the top object (or a throw) is left.
      if (stack.length !== 0) stack.length = 0;
      if (!reentrant) this.busy = false;
      this.shadowA = outerA;
      this.shadowB = outerB;
    }
    return out;
  }

  /** `,"k":v` for each own enumerable string key of `obj`. */
  private pairs(obj: object, depth: number, stack: object[], top: boolean, collect?: Array<[string, string]>): string {
    const r = this.redaction;
    let out = '';
    // Measured: for-in with an own-property check beats Object.keys() on small objects (no array allocation).
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) continue;
      const name = top ? outputKey(key) : key;
      let text: string | undefined;
      if (r !== undefined && r.isSensitiveKey(key)) {
        text = REDACTED;
      } else {
        try {
          text = this.val((obj as Record<string, unknown>)[key], depth, stack);
        } catch (e) {
          text = this.str(thrownMarker('', e));
        }
        if (text === undefined) continue;
      }
      const piece = keyPiece(name) + text;
      if (collect !== undefined) collect.push([name, piece]);
      else if (top && (this.shadowA !== undefined || this.shadowB !== undefined)) this.shadowed(name);
      out += piece;
    }
    return out;
  }

  private mapPairs(map: Map<unknown, unknown>, depth: number, stack: object[], top: boolean): string {
    const r = this.redaction;
    let out = '';
    const used = new Set<string>();
    for (const [k, v] of map) {
      let key = typeof k === 'string' ? k : typeof k === 'object' && k !== null ? '[object]' : String(k);
      // Keys that stringify alike (1 and "1") get "#2", "#3"… so the object has no duplicate keys.
      if (used.has(key)) {
        let n = 2;
        while (used.has(`${key}#${n}`)) n++;
        key = `${key}#${n}`;
      }
      used.add(key);
      const name = top ? outputKey(key) : key;
      if (top) this.shadowed(name);
      if (r !== undefined && r.isSensitiveKey(key)) {
        out += keyPiece(name) + REDACTED;
        continue;
      }
      const text = this.val(v, depth, stack);
      if (text !== undefined) out += keyPiece(name) + text;
    }
    return out;
  }

  /** JSON text of `v`, or undefined when the key should be left out (undefined, symbol-less nothing). */
  val(v: unknown, depth: number, stack: object[]): string | undefined {
    switch (typeof v) {
      case 'string':
        return this.str(v);
      case 'number':
        return Number.isFinite(v) ? '' + v : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return undefined;
      case 'bigint':
        return '"' + v.toString() + '"';
      case 'symbol':
        return this.str(v.toString());
      case 'function':
        return this.str(`[Function ${v.name || '(anonymous)'}]`);
      default:
        return v === null ? 'null' : this.obj(v as object, depth, stack);
    }
  }

  private obj(v: object, depth: number, stack: object[]): string {
    if (stack.includes(v)) return '"[Circular]"';
    const isArray = Array.isArray(v);
    if (depth > this.maxDepth) return isArray ? '"[Array]"' : '"[Object]"';
    stack.push(v);
    try {
      if (isArray) return this.array(v as unknown[], depth, stack);
      const proto: unknown = Object.getPrototypeOf(v);
      if ((proto === objectProto || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
        return '{' + this.pairs(v, depth + 1, stack, false).slice(1) + '}';
      }
      return this.special(v, depth, stack);
    } catch (e) {
      return this.str(thrownMarker('', e));
    } finally {
      stack.pop();
    }
  }

  private array(a: unknown[], depth: number, stack: object[]): string {
    let out = '[';
    const n = a.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) out += ',';
      let text: string | undefined;
      try {
        text = this.val(a[i], depth + 1, stack);
      } catch (e) {
        text = this.str(thrownMarker('', e));
      }
      out += text ?? 'null';
    }
    return out + ']';
  }

  /** Everything that is not a plain object or array. */
  private special(v: object, depth: number, stack: object[]): string {
    if (v instanceof Error || types.isNativeError(v)) return errorJson(this, v as Error, depth, stack, 0);
    if (types.isDate(v)) {
      const t = dateGetTime.call(v);
      return Number.isNaN(t) ? 'null' : '"' + new Date(t).toISOString() + '"';
    }
    if (ArrayBuffer.isView(v)) return binary(v.buffer, v.byteOffset, v.byteLength, Buffer.isBuffer(v) ? 'Buffer' : ctorName(v));
    if (types.isAnyArrayBuffer(v)) return binary(v, 0, v.byteLength, ctorName(v));
    // util.types checks also recognise Maps, Sets and Dates from other realms (vm contexts).
    if (types.isMap(v)) return '{' + this.mapPairs(v as Map<unknown, unknown>, depth + 1, stack, false).slice(1) + '}';
    if (types.isSet(v)) return this.array(Array.from(v as Set<unknown>), depth, stack);
    if (types.isBoxedPrimitive(v)) return this.val(v.valueOf(), depth, stack) ?? 'null';
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      let result: unknown;
      try {
        result = toJSON.call(v);
      } catch (e) {
        return this.str(thrownMarker('toJSON: ', e));
      }
      if (result === v) return '{' + this.pairs(v, depth + 1, stack, false).slice(1) + '}';
      return this.val(result, depth, stack) ?? 'null';
    }
    return '{' + this.pairs(v, depth + 1, stack, false).slice(1) + '}';
  }
}
