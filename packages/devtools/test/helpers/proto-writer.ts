/** A tiny protobuf encoder for hand-made (and deliberately broken) request bodies in tests. */

export function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

export const tag = (field: number, wire: number): number[] => varint((field << 3) | wire);
export const len = (field: number, payload: number[] | Uint8Array): number[] => [...tag(field, 2), ...varint(payload.length), ...payload];
export const str = (field: number, s: string): number[] => len(field, [...Buffer.from(s, 'utf8')]);
export const vint = (field: number, n: number | bigint): number[] => [...tag(field, 0), ...varint(n)];
export function fixed64(field: number, n: bigint): number[] {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(field, 1), ...b];
}
export function double(field: number, x: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return [...tag(field, 1), ...b];
}
export function fixed32(field: number, n: number): number[] {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return [...tag(field, 5), ...b];
}
export const hex = (h: string): number[] => [...Buffer.from(h, 'hex')];
export const kv = (key: string, anyValue: number[]): number[] => [...str(1, key), ...len(2, anyValue)];

/** An ExportTraceServiceRequest with one resource (service.name) and the given encoded spans. */
export function traceRequest(service: string, spans: number[][], scopeName = 'test-scope'): Buffer {
  const resource = len(1, len(1, kv('service.name', str(1, service))));
  const scopeSpans = len(2, [...len(1, str(1, scopeName)), ...spans.flatMap((s) => len(2, s))]);
  return Buffer.from(len(1, [...resource, ...scopeSpans]));
}

export interface SpanFields {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  extra?: number[];
}

export function span(f: SpanFields): number[] {
  return [
    ...len(1, hex(f.traceId)),
    ...len(2, hex(f.spanId)),
    ...(f.parentSpanId ? len(4, hex(f.parentSpanId)) : []),
    ...str(5, f.name),
    ...vint(6, 2),
    ...fixed64(7, f.startNs),
    ...fixed64(8, f.endNs),
    ...(f.extra ?? []),
  ];
}
