import { type RedactionHook } from './redaction.js';
export interface SerializerOptions {
    maxStringLength: number;
    maxDepth: number;
    redaction: RedactionHook | undefined;
}
/** Causes beyond this many levels become "[Cause chain truncated]". */
export declare const MAX_CAUSE_DEPTH = 5;
/** Bytes of a binary value shown (as base64). */
export declare const BINARY_PREFIX_BYTES = 32;
export declare class Serializer {
    readonly maxStringLength: number;
    readonly maxDepth: number;
    readonly redaction: RedactionHook | undefined;
    /** Ancestors of the value being written (cycle detection); reused between calls. */
    private readonly stack;
    private busy;
    constructor(options: SerializerOptions);
    /** A string as a JSON string literal: redacted, bounded, escaped. */
    str(s: string): string;
    /**
     * Output keys of the last `fields()` call that were also in one of its `shadow` sets (the
     * bindings' and the context's keys), so the caller can drop those from the earlier layers.
     * Undefined when there were none. Read it right after the call.
     */
    lastHits: string[] | undefined;
    private shadowA;
    private shadowB;
    private hits;
    /**
     * Top-level fields as `,"key":value` pairs (reserved keys renamed, see reserved-keys.ts).
     * Returns '' for an object without fields.
     */
    fields(obj: object, shadowA?: ReadonlySet<string>, shadowB?: ReadonlySet<string>): string;
    private shadowed;
    /** One value as JSON text (used for errors passed as the message). */
    value(v: unknown): string;
    /**
     * Top-level fields one by one, as `[outputKey, ',"key":value']` (child bindings, serialised once
     * at `child()` time and kept per key so a child's binding replaces its parent's).
     */
    entries(obj: object): Array<[string, string]>;
    /** `,"k":v` for each own enumerable string key of `obj`. */
    private pairs;
    private mapPairs;
    /** JSON text of `v`, or undefined when the key should be left out (undefined, symbol-less nothing). */
    private val;
    private obj;
    private array;
    /** Everything that is not a plain object or array. */
    private special;
    /** { type, message, stack, code?, cause?, errors? } */
    error(err: Error, depth: number, stack: object[], causeDepth: number): string;
    private readString;
}
//# sourceMappingURL=serializer.d.ts.map