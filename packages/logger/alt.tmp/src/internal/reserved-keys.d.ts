/**
 * Keys the logger writes itself. A caller key that would collide with one of them is written
 * with one more leading underscore: `level` → `_level`, `_level` → `__level`, and so on.
 * The rule applies to every key whose name, stripped of leading underscores, is reserved, so
 * the renaming is one-to-one: a renamed key never meets an existing key of the same object.
 */
export declare const RESERVED_KEYS: readonly string[];
/** The name a top-level caller key is written under. */
export declare function outputKey(key: string): string;
//# sourceMappingURL=reserved-keys.d.ts.map