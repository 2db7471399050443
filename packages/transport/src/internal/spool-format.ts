import { crc32 } from 'node:zlib';
import type { Level, QueueEntry } from '../types.js';

/**
 * Spool file format (all integers little-endian):
 *   file   = magic "MRDSPL01" frame*
 *   frame  = u32 payloadLength, u32 crc32(payload), payload
 *   payload= f64 time, u8 kind, line
 *   kind   = levelValue (10..60) for a UTF-8 text line, levelValue | 0x80 for a line of bytes (an encoded span)
 * zlib.crc32 exists from Node 20.15 / 22.2; our engines floor is 20.19, so it is always there.
 */
export const SPOOL_MAGIC = Buffer.from('MRDSPL01', 'latin1');
const FRAME_HEADER = 8;
const PAYLOAD_FIXED = 9;
/** Kind bit: the line is bytes, not UTF-8 text. */
const BYTES = 0x80;
/** A frame longer than this is treated as damage, not data (a line is capped far below it). */
const MAX_FRAME = 64 * 1024 * 1024;

const LEVELS: Record<number, Level> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function levelOf(levelValue: number): Level {
  return (
    LEVELS[levelValue] ??
    (levelValue >= 60 ? 'fatal' : levelValue >= 50 ? 'error' : levelValue >= 40 ? 'warn' : levelValue >= 30 ? 'info' : levelValue >= 20 ? 'debug' : 'trace')
  );
}

/** Frames for `entries`, concatenated into one buffer (one write). */
export function encodeFrames(entries: readonly QueueEntry[]): Buffer {
  let size = 0;
  for (const e of entries) size += FRAME_HEADER + PAYLOAD_FIXED + (typeof e.line === 'string' ? Buffer.byteLength(e.line, 'utf8') : e.line.byteLength);
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  for (const e of entries) {
    const payloadStart = o + FRAME_HEADER;
    const line = e.line;
    const text = typeof line === 'string';
    out.writeDoubleLE(e.time, payloadStart);
    out.writeUInt8(Math.max(0, Math.min(127, e.levelValue | 0)) | (text ? 0 : BYTES), payloadStart + 8);
    let n: number;
    if (text) {
      n = out.write(line, payloadStart + PAYLOAD_FIXED, 'utf8');
    } else {
      out.set(line, payloadStart + PAYLOAD_FIXED);
      n = line.byteLength;
    }
    const len = PAYLOAD_FIXED + n;
    out.writeUInt32LE(len, o);
    out.writeUInt32LE(crc32(out.subarray(payloadStart, payloadStart + len)), o + 4);
    o = payloadStart + len;
  }
  return out;
}

export interface DecodedSpool {
  readonly entries: QueueEntry[];
  /** Damaged regions skipped (a bad CRC, an impossible length, a truncated tail). */
  readonly damaged: number;
  /** The file did not start with the magic: nothing was trusted. */
  readonly badMagic: boolean;
}

function frameAt(buf: Buffer, o: number): number {
  if (o + FRAME_HEADER > buf.length) return -1;
  const len = buf.readUInt32LE(o);
  if (len < PAYLOAD_FIXED || len > MAX_FRAME || o + FRAME_HEADER + len > buf.length) return -1;
  const crc = buf.readUInt32LE(o + 4);
  return crc32(buf.subarray(o + FRAME_HEADER, o + FRAME_HEADER + len)) === crc ? len : -1;
}

/**
 * Read every intact frame. After damage, scan forward byte by byte for the next offset where a
 * whole frame with a matching CRC starts (a false match needs a 1-in-2^32 CRC collision), so one
 * torn write costs the records it touched, not the rest of the file.
 */
export function decodeFrames(buf: Buffer): DecodedSpool {
  const entries: QueueEntry[] = [];
  if (buf.length < SPOOL_MAGIC.length || !buf.subarray(0, SPOOL_MAGIC.length).equals(SPOOL_MAGIC)) {
    return { entries, damaged: buf.length > 0 ? 1 : 0, badMagic: true };
  }
  let damaged = 0;
  let inDamage = false;
  let o = SPOOL_MAGIC.length;
  while (o < buf.length) {
    const len = frameAt(buf, o);
    if (len < 0) {
      if (!inDamage) damaged++;
      inDamage = true;
      o++;
      continue;
    }
    inDamage = false;
    const p = o + FRAME_HEADER;
    const kind = buf.readUInt8(p + 8);
    const levelValue = kind & ~BYTES;
    // bytes are copied out of the file buffer, so a replayed record does not pin the whole file in memory
    const line = (kind & BYTES) === 0 ? buf.toString('utf8', p + PAYLOAD_FIXED, p + len) : Uint8Array.prototype.slice.call(buf, p + PAYLOAD_FIXED, p + len);
    entries.push({ time: buf.readDoubleLE(p), levelValue, level: levelOf(levelValue), line });
    o = p + len;
  }
  return { entries, damaged, badMagic: false };
}
