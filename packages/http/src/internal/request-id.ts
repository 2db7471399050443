import { randomFillSync } from 'node:crypto';

/**
 * Request ids: the incoming value of the configured header when it is usable (1..128 visible ASCII
 * characters), else a generated 16-hex-character random id. Random bytes come from a 4 KiB pool
 * refilled with one `randomFillSync` call every 512 ids (one syscall per 512 requests instead of one each).
 */
const POOL_SIZE = 4096;
const ID_BYTES = 8;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

export function generateRequestId(): string {
  if (offset + ID_BYTES > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

const MAX_LENGTH = 128;

/** True for 1..128 characters in the visible ASCII range (0x21..0x7e): safe to log and to echo back. */
export function isUsableRequestId(value: string): boolean {
  const n = value.length;
  if (n === 0 || n > MAX_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

export function requestIdFrom(header: string | string[] | undefined): string {
  if (typeof header === 'string' && isUsableRequestId(header)) return header;
  return generateRequestId();
}
