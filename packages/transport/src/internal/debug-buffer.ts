import type { LogEntry } from '../types.js';

/**
 * Per-request holding area for debug/trace records. Keyed by the request's scope object in a
 * WeakMap, so a buffer lives exactly as long as its request and can never be reached from
 * another request. Buffers dropped by garbage collection (no endScope call) are still counted,
 * through a FinalizationRegistry holding only the array (never the scope).
 */
export class DebugBuffers {
  private readonly map = new WeakMap<object, LogEntry[]>();
  private readonly registry: FinalizationRegistry<LogEntry[]>;
  /** Records currently held across all live scopes. */
  held = 0;

  constructor(
    private readonly max: number,
    private readonly onDiscard: (count: number, reason: 'debug_buffer_discarded' | 'debug_buffer_overflow') => void,
  ) {
    this.registry = new FinalizationRegistry((arr) => {
      this.held -= arr.length;
      this.onDiscard(arr.length, 'debug_buffer_discarded');
    });
  }

  hold(scope: object, entry: LogEntry): void {
    let arr = this.map.get(scope);
    if (arr === undefined) {
      arr = [];
      this.map.set(scope, arr);
      this.registry.register(scope, arr, arr);
    }
    if (arr.length >= this.max) {
      arr.shift();
      this.held--;
      this.onDiscard(1, 'debug_buffer_overflow');
    }
    arr.push(entry);
    this.held++;
  }

  /** Take (and forget) the records held for `scope`; undefined when none. */
  take(scope: object): LogEntry[] | undefined {
    const arr = this.map.get(scope);
    if (arr === undefined) return undefined;
    this.map.delete(scope);
    this.registry.unregister(arr);
    this.held -= arr.length;
    return arr;
  }

  /** The request ended without an error: discard its records, counted. */
  end(scope: object): void {
    const arr = this.take(scope);
    if (arr !== undefined && arr.length > 0) this.onDiscard(arr.length, 'debug_buffer_discarded');
  }
}
