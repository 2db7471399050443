/**
 * One layer of serialised fields (request context, child bindings): the text written as is, plus
 * the keys, so a later layer's key can replace an earlier one without duplicate JSON keys.
 * Precedence: call fields > child bindings > context fields.
 */
export declare class FieldLayer {
    readonly list: ReadonlyArray<readonly [string, string]>;
    static readonly EMPTY: FieldLayer;
    readonly text: string;
    /** Output keys; undefined when the layer is empty (callers skip the collision checks). */
    readonly keys: ReadonlySet<string> | undefined;
    constructor(list: ReadonlyArray<readonly [string, string]>);
    /** This layer's text without the given keys (the rare path, only when a collision happened). */
    without(a: ReadonlySet<string> | undefined, b: readonly string[] | undefined): string;
    /** True when some key of this layer is in `keys`. */
    overlaps(keys: ReadonlySet<string> | undefined): boolean;
}
//# sourceMappingURL=field-layer.d.ts.map