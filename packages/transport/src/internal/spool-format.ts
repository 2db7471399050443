import { crc32 } from 'node:zlib';
import type { Level, LogEntry } from '../types.js';

/**
 * Spool file format (all integers little-endian):
 *   file   = magic "MRDSPL01" frame*
 *   frame  = u32 payloadLength, u32 crc32(payload), payload
 *   payload= f64 time, u8 levelValue, UTF-8 line
 * zlib.crc32 exists from Node 20.15 / 22.2; our engines floor is 20.19, so it is always there.
 */
export const SPOOL_MAGIC = Buffer.from('MRDSPL01', 'latin1');
const FRAME_HEADER = 8;
const PAYLOAD_FIXED = 9;
/** A frame longer than this is treated as damage, not data (a line is capped far below it). */
const MAX_FRAME = 64 * 1024 * 1024;

const LEVELS: Record<number, Level> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export function levelOf(levelValue: number): Level {
  return LEVELS[levelValue] ?? (levelValue >= 60 ? 'fatal' : levelValue >= 50 ? 'error' : levelValue >= 40 ? 'warn' : levelValue >= 30 ? 'info' : levelValue >= 20 ? 'debug' : 'trace');
}

/** Frames for `entries`, concatenated into one buffer (one write). */
export function encodeFrames(entries: readonly LogEntry[]): Buffer {
  let size = 0;
  for (const e of entries) size += FRAME_HEADER + PAYLOAD_FIXED + Buffer.byteLength(e.line, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  for (const e of entries) {
    const payloadStart = o + FRAME_HEADER;
    out.writeDoubleLE(e.time, payloadStart);
    out.writeUInt8(Math.max(0, Math.min(255, e.levelValue | 0)), payloadStart + 8);
    const n = out.write(e.line, payloadStart + PAYLOAD_FIXED, 'utf8');
    const len = PAYLOAD_FIXED + n;
    out.writeUInt32LE(len, o);
    out.writeUInt32LE(crc32(out.subarray(payloadStart, payloadStart + len)), o + 4);
    o = payloadStart + len;
  }
  return out;
}

export interface DecodedSpool {
  readonly entries: LogEntry[];
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
  const entries: LogEntry[] = [];
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
    const levelValue = buf.readUInt8(p + 8);
    entries.push({ time: buf.readDoubleLE(p), levelValue, level: levelOf(levelValue), line: buf.toString('utf8', p + PAYLOAD_FIXED, p + len) });
    o = p + len;
  }
  return { entries, damaged, badMagic: false };
}
