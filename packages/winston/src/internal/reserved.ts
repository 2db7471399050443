/**
 * The keys Meridian writes itself are @meridian/logger's RESERVED_KEYS (one set for the pipeline).
 * In a winston `info`, `level` and `message` are winston's own, so the format leaves those two to
 * winston and renames the rest the logger's way: a caller key named like one of them, or like one of
 * them with leading underscores, gets one more leading underscore (one-to-one, never a duplicate key):
 * `service` → `_service`, `_service` → `__service`.
 */
import { RESERVED_KEYS } from '@meridian/logger';

const RESERVED = new Set(RESERVED_KEYS.filter((k) => k !== 'level' && k !== 'message'));

export function isReservedKey(k: string): boolean {
  if (k.charCodeAt(0) !== 95 /* _ */) return RESERVED.has(k);
  let i = 1;
  while (k.charCodeAt(i) === 95) i++;
  return RESERVED.has(k.slice(i));
}

/** Undo one level of renaming (the transport hands fields to a Meridian logger, which renames again). */
export function unrename(k: string): string {
  return k.charCodeAt(0) === 95 && isReservedKey(k) ? k.slice(1) : k;
}
