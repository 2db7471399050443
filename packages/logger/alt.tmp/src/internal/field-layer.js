/**
 * One layer of serialised fields (request context, child bindings): the text written as is, plus
 * the keys, so a later layer's key can replace an earlier one without duplicate JSON keys.
 * Precedence: call fields > child bindings > context fields.
 */
export class FieldLayer {
    list;
    static EMPTY = new FieldLayer([]);
    text;
    /** Output keys; undefined when the layer is empty (callers skip the collision checks). */
    keys;
    constructor(list) {
        this.list = list;
        let text = '';
        for (const [, piece] of list)
            text += piece;
        this.text = text;
        this.keys = list.length === 0 ? undefined : new Set(list.map(([k]) => k));
    }
    /** This layer's text without the given keys (the rare path, only when a collision happened). */
    without(a, b) {
        let text = '';
        for (const [k, piece] of this.list) {
            if ((a !== undefined && a.has(k)) || (b !== undefined && b.includes(k)))
                continue;
            text += piece;
        }
        return text;
    }
    /** True when some key of this layer is in `keys`. */
    overlaps(keys) {
        if (keys === undefined || this.keys === undefined)
            return false;
        for (const k of this.keys)
            if (keys.has(k))
                return true;
        return false;
    }
}
//# sourceMappingURL=field-layer.js.map