import type { TraceState } from '@opentelemetry/api';
import {
  MAX_MEMBERS,
  isValidKey,
  isValidValue,
  parseTraceState,
  serializeAll,
  serializeBounded,
  type BoundedTraceState,
} from './internal/tracestate-grammar.js';

/**
 * An immutable W3C `tracestate` list that only ever holds members valid under Trace Context
 * Level 2, never more than 32 of them. A list received with a duplicated key keeps every copy
 * (`serialize()` forwards it as received); `get` reads the left-most copy, `set`/`unset` act on
 * every copy, and `serializeWithin` (spans created here) keeps only the left-most.
 *
 * It also carries one thing that is not on the wire: the id of a trace known to have a random
 * trace id (the Level 2 random-trace-id flag, 0x02). The OpenTelemetry SDK recomputes a child
 * span's trace flags from its sampling decision, which loses 0x02, but it hands the parent's
 * TraceState object to every child unchanged. Riding on that object is how the flag survives
 * from an extracted parent, or from a root we started, to every outgoing hop of the trace.
 */
export class MeridianTraceState implements TraceState {
  /** Members, left-most first. */
  private readonly _keys: readonly string[];
  private readonly _values: readonly string[];
  /** Trace id whose trace id is known to be random, or undefined. */
  readonly randomTraceId: string | undefined;
  private _serialized: string | undefined = undefined;
  private _boundedMax = -1;
  private _bounded = '';
  private _boundedRemoved = 0;
  private _boundedDuplicates = 0;

  /** Use `MeridianTraceState.parse` or `MeridianTraceState.empty`; members are trusted valid here. */
  private constructor(keys: readonly string[], values: readonly string[], randomTraceId: string | undefined) {
    this._keys = keys;
    this._values = values;
    this.randomTraceId = randomTraceId;
  }

  /**
   * Parse a tracestate header value strictly. Returns undefined when the whole header must be
   * discarded (malformed member, more than 32 members). Duplicated keys are kept as received.
   */
  static parse(header: string, randomTraceId?: string): MeridianTraceState | undefined {
    const parsed = parseTraceState(header);
    if (parsed.rejected !== undefined) return undefined;
    return new MeridianTraceState(parsed.keys, parsed.values, randomTraceId);
  }

  /** An empty list, optionally marking `randomTraceId` as random. */
  static empty(randomTraceId?: string): MeridianTraceState {
    return new MeridianTraceState([], [], randomTraceId);
  }

  /** Same members as `state` (any TraceState implementation), marked random for `traceId`. */
  static markRandom(state: TraceState | undefined, traceId: string): MeridianTraceState {
    if (state instanceof MeridianTraceState) {
      return state.randomTraceId === traceId ? state : new MeridianTraceState(state._keys, state._values, traceId);
    }
    if (state === undefined) return new MeridianTraceState([], [], traceId);
    return MeridianTraceState.parse(state.serialize(), traceId) ?? new MeridianTraceState([], [], traceId);
  }

  get size(): number {
    return this._keys.length;
  }

  get(key: string): string | undefined {
    const i = this._keys.indexOf(key);
    return i === -1 ? undefined : this._values[i];
  }

  /**
   * A new list with `key=value` moved to the front (spec: modified keys move left). Invalid keys
   * or values leave the list unchanged; a 33rd member pushes out the right-most one.
   */
  set(key: string, value: string): MeridianTraceState {
    if (!isValidKey(key) || !isValidValue(value)) return this;
    const keys = [key];
    const values = [value];
    for (let i = 0; i < this._keys.length && keys.length < MAX_MEMBERS; i++) {
      if (this._keys[i] === key) continue;
      keys.push(this._keys[i]!);
      values.push(this._values[i]!);
    }
    return new MeridianTraceState(keys, values, this.randomTraceId);
  }

  /** A new list without `key` (every copy of it). */
  unset(key: string): MeridianTraceState {
    if (this._keys.indexOf(key) === -1) return this;
    const keys: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < this._keys.length; i++) {
      if (this._keys[i] === key) continue;
      keys.push(this._keys[i]!);
      values.push(this._values[i]!);
    }
    return new MeridianTraceState(keys, values, this.randomTraceId);
  }

  /** Members in order, as `[key, value]` pairs (a duplicated key received appears as often as it was sent). */
  entries(): Array<[string, string]> {
    return this._keys.map((k, i) => [k, this._values[i]!]);
  }

  /** The full list as held (a duplicated key received stays duplicated), comma-separated, no OWS. */
  serialize(): string {
    if (this._serialized === undefined) this._serialized = serializeAll(this._keys, this._values);
    return this._serialized;
  }

  /**
   * The list for a span created here: later copies of a duplicated key removed (the left-most is
   * kept), then truncated to `maxLength` characters as the spec orders (entries over 128 characters
   * first, then from the right). Cached: a trace's spans share this object.
   */
  serializeWithin(maxLength: number): BoundedTraceState {
    if (this._boundedMax !== maxLength) {
      const r = serializeBounded(this._keys, this._values, maxLength);
      this._bounded = r.header;
      this._boundedRemoved = r.removed;
      this._boundedDuplicates = r.duplicates;
      this._boundedMax = maxLength;
    }
    return { header: this._bounded, removed: this._boundedRemoved, duplicates: this._boundedDuplicates };
  }
}
