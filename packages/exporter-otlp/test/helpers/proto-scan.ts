/** A test-only protobuf field walker (independent of the encoder under test). */
export interface Field {
  field: number;
  wire: number;
  /** varint value (as bigint), fixed value bytes, or the length-delimited payload. */
  varint?: bigint;
  bytes?: Uint8Array;
}

export function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let p = 0;
  const varint = (): bigint => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (p >= buf.length) throw new Error(`truncated varint at ${p}`);
      const b = buf[p++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
  };
  while (p < buf.length) {
    const tag = Number(varint());
    const f: Field = { field: tag >>> 3, wire: tag & 7 };
    if (f.wire === 0) f.varint = varint();
    else if (f.wire === 1) {
      f.bytes = buf.subarray(p, p + 8);
      p += 8;
    } else if (f.wire === 5) {
      f.bytes = buf.subarray(p, p + 4);
      p += 4;
    } else if (f.wire === 2) {
      const len = Number(varint());
      if (p + len > buf.length) throw new Error(`length ${len} past the end at ${p}`);
      f.bytes = buf.subarray(p, p + len);
      p += len;
    } else throw new Error(`wire type ${f.wire} at ${p}`);
    out.push(f);
  }
  return out;
}

export function one(fs: Field[], n: number): Field {
  const hit = fs.filter((f) => f.field === n);
  if (hit.length !== 1) throw new Error(`expected one field ${n}, got ${hit.length}`);
  return hit[0]!;
}

/** The LogRecord messages of an ExportLogsServiceRequest, in order. */
export function logRecords(body: Uint8Array): Field[][] {
  const out: Field[][] = [];
  for (const rl of fields(body).filter((f) => f.field === 1)) {
    for (const sl of fields(rl.bytes!).filter((f) => f.field === 2)) {
      for (const lr of fields(sl.bytes!).filter((f) => f.field === 2)) out.push(fields(lr.bytes!));
    }
  }
  return out;
}
