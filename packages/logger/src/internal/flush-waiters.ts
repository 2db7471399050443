/**
 * Flush bookkeeping by record sequence: `accepted` counts records taken into the buffer, `settled`
 * counts records written or dropped. flush() waits until `settled` reaches the `accepted` value
 * seen at the call, so records logged after the call never delay it.
 */
export class FlushWaiters {
  accepted = 0;
  settled = 0;
  private waiters: Array<{ target: number; resolve: () => void }> = [];

  wait(): Promise<void> {
    const target = this.accepted;
    if (this.settled >= target) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push({ target, resolve });
    });
  }

  settle(count: number): void {
    this.settled += count;
    if (this.waiters.length === 0) return;
    const still: Array<{ target: number; resolve: () => void }> = [];
    for (const w of this.waiters) {
      if (this.settled >= w.target) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Settle everything accepted so far (reader gone, or closing with nothing more to try). */
  settleAll(): void {
    this.settle(this.accepted - this.settled);
  }
}
