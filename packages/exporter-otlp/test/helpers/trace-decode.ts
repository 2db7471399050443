/**
 * A test-only, complete decoder of ExportTraceServiceRequest (opentelemetry-proto v1.11.0),
 * built on the independent field walker in proto-scan.ts. Unlike @meridian/devtools it keeps
 * every field (dropped counts, link flags, schema URLs, scope attributes, the AnyValue type
 * of each value), so two encoders can be compared field by field. Absent fields decode to
 * their proto3 defaults, as a receiver sees them; a singular field sent twice, or sent with
 * the wrong wire type, throws.
 */
import { type Field, fields } from './proto-scan.js';

export type Any =
  { string: string } | { bool: boolean } | { int: string } | { double: number } | { array: Any[] } | { kvlist: Kv[] } | { bytes: string } | { empty: true };
export interface Kv {
  key: string;
  value: Any;
}
export interface Event {
  time: string;
  name: string;
  attributes: Kv[];
  dropped: number;
}
export interface Link {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Kv[];
  dropped: number;
  flags: number;
}
export interface Span {
  traceId: string;
  spanId: string;
  traceState: string;
  parentSpanId: string;
  flags: number;
  name: string;
  kind: number;
  start: string;
  end: string;
  attributes: Kv[];
  droppedAttributes: number;
  events: Event[];
  droppedEvents: number;
  links: Link[];
  droppedLinks: number;
  status: { code: number; message: string };
}
export interface Scope {
  name: string;
  version: string;
  attributes: Kv[];
  dropped: number;
}
export interface ScopeSpans {
  scope: Scope;
  spans: Span[];
  schemaUrl: string;
}
export interface ResourceSpans {
  resource: { attributes: Kv[]; dropped: number };
  scopeSpans: ScopeSpans[];
  schemaUrl: string;
}

const WIRE = { varint: 0, i64: 1, len: 2, i32: 5 } as const;

function single(fs: Field[], n: number, wire: number): Field | undefined {
  const hit = fs.filter((f) => f.field === n);
  if (hit.length > 1) throw new Error(`field ${n} sent ${hit.length} times`);
  if (hit[0] !== undefined && hit[0].wire !== wire) throw new Error(`field ${n} has wire type ${hit[0].wire}, expected ${wire}`);
  return hit[0];
}
function repeated(fs: Field[], n: number): Uint8Array[] {
  return fs
    .filter((f) => f.field === n)
    .map((f) => {
      if (f.wire !== WIRE.len) throw new Error(`field ${n} has wire type ${f.wire}, expected 2`);
      return f.bytes!;
    });
}
const str = (fs: Field[], n: number): string => Buffer.from(single(fs, n, WIRE.len)?.bytes ?? []).toString('utf8');
const hex = (fs: Field[], n: number): string => Buffer.from(single(fs, n, WIRE.len)?.bytes ?? []).toString('hex');
const uint = (fs: Field[], n: number): number => Number(single(fs, n, WIRE.varint)?.varint ?? 0n);
const fixed32 = (fs: Field[], n: number): number => {
  const f = single(fs, n, WIRE.i32);
  return f === undefined ? 0 : Buffer.from(f.bytes!).readUInt32LE();
};
const fixed64 = (fs: Field[], n: number): string => {
  const f = single(fs, n, WIRE.i64);
  return f === undefined ? '0' : Buffer.from(f.bytes!).readBigUInt64LE().toString();
};

function anyValue(buf: Uint8Array): Any {
  const fs = fields(buf);
  if (fs.length === 0) return { empty: true };
  if (fs.length > 1) throw new Error(`AnyValue with ${fs.length} fields (oneof)`);
  const f = fs[0]!;
  switch (f.field) {
    case 1:
      return { string: str(fs, 1) };
    case 2:
      return { bool: uint(fs, 2) !== 0 };
    case 3:
      return { int: BigInt.asIntN(64, single(fs, 3, WIRE.varint)!.varint!).toString() };
    case 4:
      return { double: Buffer.from(single(fs, 4, WIRE.i64)!.bytes!).readDoubleLE() };
    case 5:
      return { array: repeated(fields(single(fs, 5, WIRE.len)!.bytes!), 1).map(anyValue) };
    case 6:
      return { kvlist: repeated(fields(single(fs, 6, WIRE.len)!.bytes!), 1).map(keyValue) };
    case 7:
      return { bytes: hex(fs, 7) };
    default:
      throw new Error(`AnyValue field ${f.field}`);
  }
}
function keyValue(buf: Uint8Array): Kv {
  const fs = fields(buf);
  const v = single(fs, 2, WIRE.len);
  return { key: str(fs, 1), value: v === undefined ? { empty: true } : anyValue(v.bytes!) };
}
const kvs = (fs: Field[], n: number): Kv[] => repeated(fs, n).map(keyValue);

function span(buf: Uint8Array): Span {
  const fs = fields(buf);
  const st = single(fs, 15, WIRE.len);
  const sfs = st === undefined ? [] : fields(st.bytes!);
  return {
    traceId: hex(fs, 1),
    spanId: hex(fs, 2),
    traceState: str(fs, 3),
    parentSpanId: hex(fs, 4),
    flags: fixed32(fs, 16),
    name: str(fs, 5),
    kind: uint(fs, 6),
    start: fixed64(fs, 7),
    end: fixed64(fs, 8),
    attributes: kvs(fs, 9),
    droppedAttributes: uint(fs, 10),
    events: repeated(fs, 11).map((b) => {
      const e = fields(b);
      return { time: fixed64(e, 1), name: str(e, 2), attributes: kvs(e, 3), dropped: uint(e, 4) };
    }),
    droppedEvents: uint(fs, 12),
    links: repeated(fs, 13).map((b) => {
      const l = fields(b);
      return { traceId: hex(l, 1), spanId: hex(l, 2), traceState: str(l, 3), attributes: kvs(l, 4), dropped: uint(l, 5), flags: fixed32(l, 6) };
    }),
    droppedLinks: uint(fs, 14),
    status: { code: uint(sfs, 3), message: str(sfs, 2) },
  };
}

export function decodeTraceRequest(body: Uint8Array): ResourceSpans[] {
  return repeated(fields(body), 1).map((rsBuf) => {
    const rs = fields(rsBuf);
    const res = single(rs, 1, WIRE.len);
    const rfs = res === undefined ? [] : fields(res.bytes!);
    return {
      resource: { attributes: kvs(rfs, 1), dropped: uint(rfs, 2) },
      schemaUrl: str(rs, 3),
      scopeSpans: repeated(rs, 2).map((ssBuf) => {
        const ss = fields(ssBuf);
        const sc = single(ss, 1, WIRE.len);
        const scf = sc === undefined ? [] : fields(sc.bytes!);
        return {
          scope: { name: str(scf, 1), version: str(scf, 2), attributes: kvs(scf, 3), dropped: uint(scf, 4) },
          schemaUrl: str(ss, 3),
          spans: repeated(ss, 2).map(span),
        };
      }),
    };
  });
}
