/**
 * flush() barriers. A barrier is the pair of lane positions (`added` counters) at the time of the
 * call: it is passed once `settledUpTo(capUrgent, capNormal)` holds, i.e. no record from before
 * those positions is still queued, retrying or in flight. Few barriers exist at once (one per
 * pending flush() and per replayed spool file), so checking them all after each send is cheap.
 */
interface Waiter {
  readonly capUrgent: number;
  readonly capNormal: number;
  readonly done: () => void;
  timer: NodeJS.Timeout | undefined;
}

export class Barriers {
  private waiters: Waiter[] = [];

  constructor(private readonly settledUpTo: (capUrgent: number, capNormal: number) => boolean) {}

  /** Call `done` once the barrier is passed, or after `timeoutMs` (undefined: no deadline). */
  wait(capUrgent: number, capNormal: number, timeoutMs: number | undefined, done: () => void): void {
    if (this.settledUpTo(capUrgent, capNormal)) return done();
    const w: Waiter = { capUrgent, capNormal, done, timer: undefined };
    if (timeoutMs !== undefined) {
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        done();
      }, timeoutMs);
    }
    this.waiters.push(w);
  }

  check(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.settledUpTo(w.capUrgent, w.capNormal)) {
        if (w.timer !== undefined) clearTimeout(w.timer);
        w.done();
      } else still.push(w);
    }
    this.waiters = still;
  }

  /** Teardown: release every waiter now. */
  releaseAll(): void {
    for (const w of this.waiters.splice(0)) {
      if (w.timer !== undefined) clearTimeout(w.timer);
      w.done();
    }
  }
}
