/**
 * Helpers for the OTLP/JSON mapping: lowerCamelCase field names (the proto snake_case names are
 * accepted too, as ProtoJSON parsers do), trace/span ids as hex, int64 as string or number,
 * enums as integers (names accepted too), bytes as base64.
 */
import type { DevAttributes, DevScope, DevValue } from '../model.js';
import { DecodeError } from './decode-error.js';
import { int64ToValue, MAX_ANY_VALUE_DEPTH, setAttribute, toHex } from './otlp-proto-common.js';

export type JsonObject = { [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value of a field by its JSON name or its proto name. */
export function field(o: JsonObject, camel: string, snake?: string): unknown {
  const v = o[camel];
  return v === undefined && snake !== undefined ? o[snake] : v;
}

export function asObject(v: unknown, path: string): JsonObject | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new DecodeError(`${path}: expected an object, got ${typeName(v)}`);
  return v;
}

export function asArray(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new DecodeError(`${path}: expected an array, got ${typeName(v)}`);
  return v;
}

export function asString(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new DecodeError(`${path}: expected a string, got ${typeName(v)}`);
  return v;
}

const INT_RE = /^-?\d+$/;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** int64/uint64/fixed64: a JSON number or a decimal string, within 64 bits. */
export function asInt64(v: unknown, path: string): bigint {
  if (v === undefined || v === null) return 0n;
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && v.length <= 21 && INT_RE.test(v)) n = BigInt(v);
  if (n === undefined || n < INT64_MIN || n > UINT64_MAX) {
    throw new DecodeError(`${path}: expected a 64-bit integer (number or decimal string), got ${truncateJson(v)}`);
  }
  return n;
}

function truncateJson(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** An enum: its integer value, or its name looked up in `names` (index = value). */
export function asEnum(v: unknown, path: string, names: readonly string[] = []): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
    if (INT_RE.test(v)) return Number(v);
  }
  throw new DecodeError(`${path}: expected an enum integer, got ${truncateJson(v)}`);
}

const HEX_RE = /^[0-9a-fA-F]*$/;
const BASE64_RE = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** A trace or span id: hex per the OTLP/JSON mapping; base64 of the right length is tolerated. */
export function asId(v: unknown, path: string, bytes: number): string {
  const s = asString(v, path);
  if (s.length === bytes * 2 && HEX_RE.test(s)) return s.toLowerCase();
  if (s !== '' && BASE64_RE.test(s)) {
    const raw = Buffer.from(s, 'base64');
    if (raw.length === bytes) return toHex(raw);
  }
  return s === '' ? '' : `invalid:${s}`;
}

export function asBytes(v: unknown, path: string): Uint8Array {
  const s = asString(v, path);
  if (!BASE64_RE.test(s)) throw new DecodeError(`${path}: expected base64 bytes`);
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

function asDouble(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new DecodeError(`${path}: expected a number, got ${truncateJson(v)}`);
}

export function decodeAnyValueJson(v: unknown, path: string, depth: number): DevValue {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new DecodeError(`${path}: AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  const o = asObject(v, path);
  if (o === undefined) return null;
  let x: unknown;
  if ((x = field(o, 'stringValue', 'string_value')) !== undefined) return asString(x, `${path}.stringValue`);
  if ((x = field(o, 'boolValue', 'bool_value')) !== undefined) {
    if (typeof x !== 'boolean') throw new DecodeError(`${path}.boolValue: expected a boolean, got ${typeName(x)}`);
    return x;
  }
  if ((x = field(o, 'intValue', 'int_value')) !== undefined) return int64ToValue(asInt64(x, `${path}.intValue`));
  if ((x = field(o, 'doubleValue', 'double_value')) !== undefined) return asDouble(x, `${path}.doubleValue`);
  if ((x = field(o, 'bytesValue', 'bytes_value')) !== undefined) return asBytes(x, `${path}.bytesValue`);
  if ((x = field(o, 'arrayValue', 'array_value')) !== undefined) {
    const arr = asObject(x, `${path}.arrayValue`);
    const values = asArray(arr === undefined ? undefined : arr.values, `${path}.arrayValue.values`);
    return values.map((e, i) => decodeAnyValueJson(e, `${path}.arrayValue.values[${i}]`, depth + 1));
  }
  if ((x = field(o, 'kvlistValue', 'kvlist_value')) !== undefined) {
    const kv = asObject(x, `${path}.kvlistValue`);
    const out: { [key: string]: DevValue } = {};
    decodeKeyValuesJson(kv === undefined ? undefined : kv.values, `${path}.kvlistValue.values`, out, depth + 1);
    return out;
  }
  return null;
}

export function decodeKeyValuesJson(v: unknown, path: string, into: { [key: string]: DevValue }, depth = 0): void {
  const list = asArray(v, path);
  for (let i = 0; i < list.length; i++) {
    const kv = asObject(list[i], `${path}[${i}]`);
    if (kv === undefined) continue;
    const key = asString(kv.key, `${path}[${i}].key`);
    const value = decodeAnyValueJson(kv.value, `${path}[${i}].value`, depth);
    setAttribute(into, key, value);
  }
}

export function decodeResourceJson(v: unknown, path: string): DevAttributes {
  const attrs: DevAttributes = {};
  const o = asObject(v, path);
  if (o !== undefined) decodeKeyValuesJson(o.attributes, `${path}.attributes`, attrs);
  return attrs;
}

export function decodeScopeJson(v: unknown, path: string): DevScope {
  const o = asObject(v, path);
  if (o === undefined) return { name: '', version: '' };
  return { name: asString(o.name, `${path}.name`), version: asString(o.version, `${path}.version`) };
}

export function parseJsonBody(body: Uint8Array): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (e) {
    throw new DecodeError(`body is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new DecodeError(`body must be a JSON object, got ${typeName(parsed)}`);
  return parsed;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
