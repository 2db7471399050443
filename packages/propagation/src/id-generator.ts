import { randomFillSync } from 'node:crypto';

/** The OpenTelemetry SDK's IdGenerator shape (declared here: the SDK is not a dependency). */
export interface IdGeneratorLike {
  generateTraceId(): string;
  generateSpanId(): string;
}

/** Something that can tell whether a trace id was just generated randomly (see RandomTraceFlagSampler). */
export interface RandomTraceIdSource {
  /** True when `traceId` is the id this source generated last. */
  generatedLast(traceId: string): boolean;
}

// Ids come from a pooled buffer of CSPRNG bytes refilled 4 KiB at a time: one randomFillSync per
// 170 trace+span pairs instead of one per id. Every byte is random, so the Level 2 requirement
// (at least the right-most 7 bytes random) holds for the whole id.
const POOL_SIZE = 4096;

/**
 * Trace and span ids from node:crypto's CSPRNG. Every trace id it makes is fully random, so
 * traces it starts may carry the random-trace-id flag (0x02). It remembers the last trace id it
 * generated so RandomTraceFlagSampler can recognise a root span's id as one of its own
 * (the SDK generates the id and samples synchronously, one right after the other).
 */
export class MeridianIdGenerator implements IdGeneratorLike, RandomTraceIdSource {
  private readonly _pool = Buffer.allocUnsafe(POOL_SIZE);
  private _offset = POOL_SIZE;
  private _lastTraceId = '';

  generateTraceId(): string {
    const id = this._take(16);
    this._lastTraceId = id;
    return id;
  }

  generateSpanId(): string {
    return this._take(8);
  }

  generatedLast(traceId: string): boolean {
    return traceId === this._lastTraceId;
  }

  private _take(bytes: number): string {
    if (this._offset + bytes > POOL_SIZE) {
      randomFillSync(this._pool);
      this._offset = 0;
    }
    const start = this._offset;
    this._offset += bytes;
    const id = this._pool.toString('hex', start, start + bytes);
    // all-zero ids are invalid; with 64+ random bits this is astronomically rare, but cheap to rule out
    return isAllZero(this._pool, start, start + bytes) ? this._take(bytes) : id;
  }
}

function isAllZero(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}
