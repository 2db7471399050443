/**
 * Which collector gets the next request. Policy (README "Failover"):
 * - Send to `current` (initially the first endpoint, the primary).
 * - When it is unavailable (network error, timeout, 502/503/504), move to the next endpoint in the
 *   list and ask the transport to retry at once; once every endpoint failed in a row, retry under the
 *   transport's backoff (or the server's Retry-After), still moving round the list.
 * - While not on the primary, the endpoints preferred over `current` are probed — an empty export
 *   request, at most one at a time — once each `failbackMs` after their last failure (or after their
 *   Retry-After, when longer); the first that answers 2xx becomes `current` again.
 * 429 is throttling of a live collector: no failover (the Retry-After is honoured in place).
 */
import type http from 'node:http';
import type https from 'node:https';

export interface Endpoint {
  readonly url: URL;
  readonly agent: http.Agent | https.Agent;
  requests: number;
  failures: number;
  /** Not probed before this time (ms since the epoch). */
  probeAt: number;
}

export class Failover {
  current = 0;
  failovers = 0;
  failbacks = 0;
  private downInRow = 0;
  private probing = false;

  constructor(
    readonly endpoints: readonly Endpoint[],
    private readonly failbackMs: number,
  ) {}

  /** A preferred endpoint due for a probe (marked as being probed), or -1. */
  probeCandidate(now: number): number {
    if (this.current === 0 || this.probing) return -1;
    for (let j = 0; j < this.current; j++) {
      if (now >= this.endpoints[j]!.probeAt) {
        this.probing = true;
        return j;
      }
    }
    return -1;
  }

  probeDone(j: number, ok: boolean, now: number): void {
    this.probing = false;
    if (ok && j < this.current) {
      this.current = j;
      this.downInRow = 0;
      this.failbacks++;
    } else if (!ok) {
      this.endpoints[j]!.probeAt = now + this.failbackMs;
    }
  }

  succeeded(i: number): void {
    if (i === this.current) this.downInRow = 0;
  }

  /** Endpoint `i` was unavailable. True when another endpoint is worth trying at once. */
  unavailable(i: number, now: number, retryAfterMs: number | undefined): boolean {
    const e = this.endpoints[i]!;
    e.failures++;
    e.probeAt = now + Math.max(this.failbackMs, retryAfterMs ?? 0);
    const n = this.endpoints.length;
    if (n === 1) return false;
    if (i !== this.current) return this.downInRow < n; // a concurrent send already moved on
    this.current = (i + 1) % n;
    this.failovers++;
    this.downInRow++;
    return this.downInRow < n;
  }
}
