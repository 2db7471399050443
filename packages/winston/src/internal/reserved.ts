/**
 * The keys the format writes itself. A caller key named like one of them, or like one of them with
 * leading underscores, gets one more leading underscore (the rule of @meridian/logger: one-to-one,
 * never a duplicate key): `service` → `_service`, `_service` → `__service`.
 */
const RESERVED = new Set(['timestamp', 'service', 'trace_id', 'span_id', 'trace_flags']);

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
