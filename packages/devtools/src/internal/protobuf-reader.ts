/**
 * A bounds-checked reader for the protobuf wire format (varint, I64, LEN, I32). Every read checks
 * the buffer end and throws a `ProtobufDecodeError` naming the byte offset, so a malformed or
 * hostile body becomes a 400 answer instead of an exception escaping the receiver.
 */
import { DecodeError } from './decode-error.js';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const WIRE_NAMES = ['VARINT', 'I64', 'LEN', 'SGROUP', 'EGROUP', 'I32', '6', '7'];

export class ProtobufDecodeError extends DecodeError {
  override readonly name = 'ProtobufDecodeError';
}

/**
 * Positions are absolute offsets into the whole request body, so an embedded message's reader
 * shares the body's Buffer and DataView: one `readMessage()` allocates only the small reader
 * object, not a DataView per embedded message (there are ~20 per span).
 */
export class ProtobufReader {
  readonly buf: Buffer;
  pos: number;
  readonly end: number;
  private readonly view: DataView;

  constructor(buf: Uint8Array, pos = 0, end = buf.length, view?: DataView) {
    this.buf = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = pos;
    this.end = end;
    this.view = view ?? new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Where this message starts, for error messages. */
  get start(): number {
    return this.pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private fail(what: string, at = this.pos): never {
    throw new ProtobufDecodeError(`${what} at byte ${at}`);
  }

  /** Reads a field tag; returns `field * 8 + wireType` split by the caller with `>>> 3` and `& 7`. */
  readTag(): number {
    const start = this.pos;
    const tag = this.readVarint32();
    if (tag >>> 3 === 0) this.fail('invalid field number 0', start);
    const wt = tag & 7;
    if (wt === 3 || wt === 4) this.fail(`unsupported wire type ${wt} (groups)`, start);
    if (wt > 5) this.fail(`invalid wire type ${wt}`, start);
    return tag;
  }

  /** A varint that must fit in 32 bits (tags, lengths, enums, uint32). Higher bits are rejected for lengths by the caller. */
  readVarint32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint', start);
      const b = this.buf[this.pos++];
      if (shift < 32) result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result > 0xffffffff ? result % 2 ** 32 : result;
      shift += 7;
    }
    this.fail('varint longer than 10 bytes', start);
  }

  /** A full 64-bit varint as an unsigned bigint. */
  readVarint64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint', start);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    this.fail('varint longer than 10 bytes', start);
  }

  /** An int64 field (two's complement in 10 bytes when negative). */
  readInt64(): bigint {
    return BigInt.asIntN(64, this.readVarint64());
  }

  readFixed64(): bigint {
    if (this.end - this.pos < 8) this.fail('truncated 64-bit field');
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  readDouble(): number {
    if (this.end - this.pos < 8) this.fail('truncated 64-bit field');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  readFixed32(): number {
    if (this.end - this.pos < 4) this.fail('truncated 32-bit field');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A length-delimited payload, as a view (no copy). */
  readBytes(): Uint8Array {
    const start = this.pos;
    const len = this.readVarint32();
    if (len > this.end - this.pos) {
      this.fail(`length ${len} runs past the end of the enclosing message (${this.end - this.pos} bytes left)`, start);
    }
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** A UTF-8 string; invalid sequences become U+FFFD, as protobuf runtimes do. */
  readString(): string {
    const start = this.pos;
    const len = this.readVarint32();
    if (len > this.end - this.pos) {
      this.fail(`length ${len} runs past the end of the enclosing message (${this.end - this.pos} bytes left)`, start);
    }
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }

  /** A reader over an embedded message (same buffer, narrower bounds). */
  readMessage(): ProtobufReader {
    const start = this.pos;
    const len = this.readVarint32();
    if (len > this.end - this.pos) {
      this.fail(`length ${len} runs past the end of the enclosing message (${this.end - this.pos} bytes left)`, start);
    }
    const r = new ProtobufReader(this.buf, this.pos, this.pos + len, this.view);
    this.pos += len;
    return r;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.readVarint64();
        return;
      case WIRE_I64:
        if (this.end - this.pos < 8) this.fail('truncated 64-bit field');
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.readBytes();
        return;
      case WIRE_I32:
        if (this.end - this.pos < 4) this.fail('truncated 32-bit field');
        this.pos += 4;
        return;
      default:
        this.fail(`invalid wire type ${wireType}`);
    }
  }

  /** Throws unless the tag carries the wire type a known field needs. */
  expect(tag: number, wireType: number, field: string): void {
    const wt = tag & 7;
    if (wt !== wireType) {
      this.fail(`${field} (field ${tag >>> 3}): expected wire type ${WIRE_NAMES[wireType]}, got ${WIRE_NAMES[wt]}`);
    }
  }
}
