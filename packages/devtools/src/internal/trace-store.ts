/**
 * What the collector has received: spans and logs in arrival order, bounded (the oldest are
 * dropped and counted past the limit), with listeners for the CLI and waiters for `waitFor`.
 */
import type { DevLogRecord, DevSpan, DevTrace } from '../model.js';
import { groupTraces } from './group-traces.js';

export interface DevCollectorSnapshot {
  readonly spans: readonly DevSpan[];
  readonly logs: readonly DevLogRecord[];
}

export interface DevCollectorStats {
  requests: number;
  spansReceived: number;
  logsReceived: number;
  /** Spans or logs the sender was told were rejected (invalid ids, unreadable NDJSON lines). */
  spansRejected: number;
  logsRejected: number;
  /** Oldest records dropped because `maxSpans` / `maxLogs` was reached. */
  spansDropped: number;
  logsDropped: number;
  /** Accepted requests by body encoding, and how many of them were gzip-compressed. */
  protobufRequests: number;
  jsonRequests: number;
  gzipRequests: number;
  /** Requests answered with a 4xx status. */
  badRequests: number;
}

export type DevCollectorEvent = { type: 'spans'; spans: readonly DevSpan[] } | { type: 'logs'; logs: readonly DevLogRecord[] };

interface Waiter {
  predicate: (s: DevCollectorSnapshot) => boolean;
  resolve: (s: DevCollectorSnapshot) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class TraceStore {
  private spanList: DevSpan[] = [];
  private logList: DevLogRecord[] = [];
  private readonly listeners = new Set<(e: DevCollectorEvent) => void>();
  private readonly waiters = new Set<Waiter>();
  readonly stats: DevCollectorStats = {
    requests: 0,
    spansReceived: 0,
    logsReceived: 0,
    spansRejected: 0,
    logsRejected: 0,
    spansDropped: 0,
    logsDropped: 0,
    protobufRequests: 0,
    jsonRequests: 0,
    gzipRequests: 0,
    badRequests: 0,
  };

  constructor(
    private readonly maxSpans: number,
    private readonly maxLogs: number,
  ) {}

  get snapshot(): DevCollectorSnapshot {
    return { spans: this.spanList, logs: this.logList };
  }

  spans(): DevSpan[] {
    return this.spanList.slice();
  }

  logs(): DevLogRecord[] {
    return this.logList.slice();
  }

  traces(): DevTrace[] {
    return groupTraces(this.spanList);
  }

  addSpans(spans: DevSpan[]): void {
    if (spans.length === 0) return;
    this.stats.spansReceived += spans.length;
    for (const s of spans) this.spanList.push(s);
    const over = this.spanList.length - this.maxSpans;
    if (over > 0) {
      this.spanList.splice(0, over);
      this.stats.spansDropped += over;
    }
    this.emit({ type: 'spans', spans });
  }

  addLogs(logs: DevLogRecord[]): void {
    if (logs.length === 0) return;
    this.stats.logsReceived += logs.length;
    for (const l of logs) this.logList.push(l);
    const over = this.logList.length - this.maxLogs;
    if (over > 0) {
      this.logList.splice(0, over);
      this.stats.logsDropped += over;
    }
    this.emit({ type: 'logs', logs });
  }

  clear(): void {
    this.spanList = [];
    this.logList = [];
  }

  subscribe(listener: (e: DevCollectorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitFor(predicate: (s: DevCollectorSnapshot) => boolean, timeoutMs: number): Promise<DevCollectorSnapshot> {
    if (predicate(this.snapshot)) return Promise.resolve(this.snapshot);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `MERIDIAN_ERR_DEVTOOLS_TIMEOUT: waitFor condition not met within ${timeoutMs} ms ` +
                `(have ${this.spanList.length} spans, ${this.logList.length} logs)`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects pending waiters (on close). */
  abortWaiters(reason: string): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`MERIDIAN_ERR_DEVTOOLS_CLOSED: ${reason}`));
    }
    this.waiters.clear();
  }

  private emit(e: DevCollectorEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not stop ingestion or other listeners.
      }
    }
    for (const w of this.waiters) {
      let met = false;
      try {
        met = w.predicate(this.snapshot);
      } catch (err) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (met) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(this.snapshot);
      }
    }
  }
}
