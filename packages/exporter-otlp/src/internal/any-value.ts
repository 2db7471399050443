/**
 * Attribute values → OTLP `AnyValue` / `KeyValue` (opentelemetry-proto common/v1):
 *   KeyValue: key 1, value 2
 *   AnyValue: string_value 1, bool_value 2, int_value 3 (int64 varint), double_value 4 (fixed64),
 *             array_value 5, kvlist_value 6, bytes_value 7
 *   ArrayValue: values 1          KeyValueList: values 1 (KeyValue)
 */
import { type ProtobufWriter, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-writer.js';
import type { AttributesLike, AttributeValueLike } from '../spans/span-types.js';

/** Deeper values are cut (receivers refuse deep AnyValue nesting; devtools at 32). */
export const MAX_VALUE_DEPTH = 24;

/** What a value nested deeper than MAX_VALUE_DEPTH becomes (a cycle, most likely): a string saying so. */
export const TOO_DEEP = `[nested deeper than ${MAX_VALUE_DEPTH} levels]`;

/** 2^63: span integers below it in magnitude go as int_value (exactly, even past 2^53); the rest as double_value. */
const INT64_LIMIT = 2 ** 63;

/**
 * The two places logs and spans differ: what a value nested past MAX_VALUE_DEPTH is written as (a
 * fixed text for spans, its JSON for logs), and up to which magnitude an integer goes as int_value
 * (spans: 2^63, exact even past 2^53; logs: 2^53, as their JSON encoding does, which a JSON
 * receiver reads back as a number).
 */
export interface ValueRules {
  readonly tooDeep: (v: unknown) => string;
  readonly intLimit: number;
}

export const SPAN_VALUES: ValueRules = { tooDeep: () => TOO_DEEP, intLimit: INT64_LIMIT };
export const LOG_VALUES: ValueRules = { tooDeep: (v) => JSON.stringify(v), intLimit: 2 ** 53 };

/**
 * The fields of an AnyValue (the caller wrote its tag and forked), for span attributes and log
 * bodies/attributes alike. null/undefined: an empty AnyValue.
 */
export function writeAnyValue(w: ProtobufWriter, v: AttributeValueLike, depth: number, rules: ValueRules = SPAN_VALUES): void {
  switch (typeof v) {
    case 'string':
      w.string(1, v);
      return;
    case 'boolean':
      w.tag(2, WIRE_VARINT);
      w.varint(v ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(v) && Math.abs(v) < rules.intLimit) {
        w.tag(3, WIRE_VARINT);
        w.int64(v);
      } else {
        w.tag(4, WIRE_I64);
        w.double(v);
      }
      return;
    case 'object':
      break;
    default:
      return; // undefined (and anything the API does not allow: functions, symbols, bigint)
  }
  if (v === null) return;
  if (depth >= MAX_VALUE_DEPTH) {
    w.string(1, rules.tooDeep(v));
    return;
  }
  if (v instanceof Uint8Array) {
    w.bytes(7, v);
    return;
  }
  if (Array.isArray(v)) {
    w.tag(5, WIRE_LEN);
    const arr = w.fork();
    for (let i = 0; i < v.length; i++) {
      w.tag(1, WIRE_LEN);
      const m = w.fork();
      writeAnyValue(w, v[i] as AttributeValueLike, depth + 1, rules);
      w.ldelim(m);
    }
    w.ldelim(arr);
    return;
  }
  w.tag(6, WIRE_LEN);
  const list = w.fork();
  writeAttributes(w, 1, v as AttributesLike, depth + 1, rules);
  w.ldelim(list);
}

/** One KeyValue in `field`. */
export function writeKeyValue(w: ProtobufWriter, field: number, key: string, value: AttributeValueLike, depth: number, rules: ValueRules = SPAN_VALUES): void {
  w.tag(field, WIRE_LEN);
  const kv = w.fork();
  w.string(1, key);
  w.tag(2, WIRE_LEN);
  const av = w.fork();
  writeAnyValue(w, value, depth, rules);
  w.ldelim(av);
  w.ldelim(kv);
}

/** Each own enumerable attribute as a KeyValue in `field`, in insertion order. */
export function writeAttributes(w: ProtobufWriter, field: number, attrs: AttributesLike, depth: number, rules: ValueRules = SPAN_VALUES): void {
  for (const key in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
    writeKeyValue(w, field, key, attrs[key], depth, rules);
  }
}
