import { diagnose, ERR_CONFIG_INVALID } from '@meridian/config';
import { DropReport } from './internal/drop-report.js';
import { registerForExit, unregisterForExit } from './internal/exit-registry.js';
import { registerOtelMetrics } from './metrics/otel.js';
import { publish } from './metrics/registry.js';
import { fullJitter } from './internal/backoff.js';
import { type Batch, childBatch } from './internal/batch.js';
import { Barriers } from './internal/barriers.js';
import { exportOnce } from './internal/export-once.js';
import { entryBytes, type Fifo } from './internal/fifo.js';
import { Lanes, Wake } from './internal/lanes.js';
import { Spool } from './internal/spool.js';
import { copyStats, type DropReason, newStats, observeLatency, type TransportStats } from './internal/stats.js';
import { type ResolvedOptions, resolveOptions, type TransportOptions } from './options.js';
import type { Destination, ExportResult, Exporter, LogEntry, QueueEntry } from './types.js';

/** levelValue at and above which a record takes the urgent lane (error, fatal). */
const URGENT = 50;

export const ERR_EXPORTER_UNAVAILABLE = 'MERIDIAN_ERR_EXPORTER_UNAVAILABLE';
export const ERR_EXPORTER_REFUSED = 'MERIDIAN_ERR_EXPORTER_REFUSED';

export interface FlushOptions {
  /** Give up waiting after this long (the records stay queued); default: the transport's flushTimeoutMs. */
  timeoutMs?: number;
}

/**
 * A logger `Destination` in front of one exporter: bounded queue, batching, level lanes,
 * retries, compression, spool and counters. Create it with `createTransport`. The exporter may be
 * attached later (`attach`): everything but sending applies from the first `write()`.
 */
export class Transport<E extends QueueEntry = LogEntry> implements Destination<E> {
  options: ResolvedOptions;
  private exporter: Exporter<E> | undefined;
  private readonly given: TransportOptions<E>;
  private readonly report: DropReport;
  private readonly exitToken: WeakRef<object>;
  private readonly stats: TransportStats;
  private readonly q: Lanes;
  private readonly retries: Batch[] = [];
  private readonly inflight = new Set<Batch>();
  private inflightRecords = 0;
  private gateUntil = 0;
  private unavailableStreak = 0;
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private pumpQueued = false;
  private flushing = 0;
  private readonly barriers = new Barriers((u, n) => this.settledUpTo(u, n));
  private closed = false;
  private tornDown = false;
  private closing: Promise<void> | undefined;
  private readonly spool: Spool | undefined;
  /** Spool files being replayed: records not yet queued are `entries[next..]`. */
  private readonly backlog: { entries: QueueEntry[]; next: number; file: string }[] = [];
  private readonly onClose: (() => void)[] = [];
  private readonly exportListeners: ((ms: number) => void)[] = [];
  private readonly pumpBound = (): void => this.pump();
  private pendingNoted = false;

  constructor(opts: TransportOptions<E>) {
    this.given = opts;
    this.exporter = opts.exporter;
    const name = transportName(opts);
    this.options = resolveOptions(opts, opts.exporter);
    this.stats = newStats(name);
    this.report = new DropReport(name);
    this.q = new Lanes({ ...this.options });
    if (opts.exporter !== undefined) this.stats.state = 'ready';
    this.exitToken = registerForExit(this);
    if (this.options.spoolDir !== undefined) {
      this.spool = new Spool(this.options.spoolDir, name, this.options.spoolMaxBytes);
      for (const file of this.spool.claimOrphans()) {
        const { entries, damaged } = this.spool.read(file);
        if (damaged > 0) this.drop('spool_corrupt', damaged);
        this.backlog.push({ entries, next: 0, file });
      }
      this.topUp();
    }
    if (this.options.queueFullPolicy === 'block' && this.spool === undefined) {
      diagnose(
        ERR_CONFIG_INVALID,
        `MERIDIAN_QUEUE_FULL_POLICY=block needs MERIDIAN_SPOOL_DIR (a synchronous write() cannot wait for the network); accepted: block with a spool, drop_newest, drop_oldest; using drop_newest for exporter ${name}`,
      );
    }
    if (this.options.metrics) {
      publish(this);
      registerOtelMetrics(this);
    }
  }

  // ---- the exporter arrives (or cannot start) ----

  /**
   * Give the transport its exporter (one created with no `exporter` option, e.g. while the exporter's
   * package loads). Queued records are sent from now on. Ignored, with a diagnostic, when one is attached already.
   */
  attach(exporter: Exporter<E>): void {
    if (this.exporter !== undefined || this.stats.state === 'refused' || this.tornDown) {
      diagnose(
        ERR_CONFIG_INVALID,
        `transport "${this.stats.exporter}" already has an exporter or is closed; accepted: attach() once, to a transport created without one; the exporter given is not used`,
      );
      return;
    }
    this.exporter = exporter;
    this.options = resolveOptions(this.given, exporter);
    this.q.setLimits(this.options);
    this.stats.state = 'ready';
    this.kick();
  }

  /**
   * The exporter could not be created (a guard or its configuration refused it): one diagnostic with
   * its code. With a spool, records keep going there (and are replayed by a later start whose
   * exporter works); without one they are dropped and counted as `refused`.
   */
  refuse(error: unknown): void {
    if (this.exporter !== undefined || this.stats.state === 'refused') return;
    this.stats.state = 'refused';
    const code = (error as { code?: unknown } | null)?.code;
    const what = error instanceof Error ? error.message : String(error);
    diagnose(
      typeof code === 'string' && code.startsWith('MERIDIAN_ERR_') ? code : ERR_EXPORTER_REFUSED,
      `exporter "${this.stats.exporter}" did not start: ${what.replace(/^MERIDIAN_ERR_[A-Z_]+: /, '')}; ` +
        (this.spool !== undefined ? 'its records go to the spool (MERIDIAN_SPOOL_DIR) for a later start' : 'its records are dropped and counted (refused)'),
    );
    if (this.spool === undefined) {
      const all: QueueEntry[] = [];
      this.q.takeAll(all);
      this.drop('refused', all.length, true);
    }
    this.barriers.check();
  }

  /** Said once per transport: a batch was due, or a flush/close/exit came, and no exporter is attached. */
  private notePending(): void {
    if (this.pendingNoted || this.stats.state !== 'pending') return;
    this.pendingNoted = true;
    diagnose(
      ERR_EXPORTER_UNAVAILABLE,
      `exporter "${this.stats.exporter}" is selected but not available: no exporter was registered under that name; ` +
        `accepted: import its package (e.g. import '@meridian/exporter-${this.stats.exporter === 'logstash' || this.stats.exporter === 'elasticsearch' ? 'elk' : this.stats.exporter}') before the first log call, ` +
        'or start with node --import @meridian/node/register; until then its records wait in the bounded queue' +
        (this.spool !== undefined ? ' and the spool' : ' (counted when dropped)'),
    );
  }

  // ---- caller's path: no I/O, no parsing, no allocation beyond the queue slot ----

  write(entry: E): void {
    this.stats.enqueued++;
    if (this.closed) return this.drop('closed', 1);
    if (this.stats.state === 'refused' && this.spool === undefined) return this.drop('refused', 1, true); // refuse() said it once
    this.accept(entry, entry.levelValue >= URGENT);
  }

  /**
   * Count `n` records lost before they could be written — a span its exporter could not turn into an
   * entry (`encode_error`) — as handed to the transport and dropped: in `getStats()`, the metrics, the
   * first-drop line and the close/exit summary, like any other drop.
   */
  countLost(reason: DropReason, n = 1): void {
    if (!(n > 0)) return;
    this.stats.enqueued += n;
    this.drop(reason, n);
  }

  private accept(entry: QueueEntry, urgent: boolean): void {
    const size = entryBytes(entry);
    if (!this.q.fits(size) && !this.makeRoom(urgent, size)) return this.drop('queue_full', 1);
    const wake = this.q.push(entry, urgent);
    if (wake === Wake.Now) this.kick();
    else if (wake === Wake.AtDeadline) this.schedule(this.q.batchDeadline);
  }

  /** Free room for one record of `size` bytes: spill to the spool, else evict by policy. */
  private makeRoom(urgent: boolean, size: number): boolean {
    const o = this.options;
    const q = this.q;
    if (this.spool !== undefined && q.normal.length > 0) {
      // one synchronous write of up to a batch of the oldest records (bounded: ≤ batchMaxRecords)
      const chunk: QueueEntry[] = [];
      while (chunk.length < o.batchMaxRecords && q.normal.length > 0) chunk.push(q.take(q.normal));
      this.toSpool(chunk);
      if (q.fits(size)) return true;
    }
    // error/fatal never lose their place to info: they evict the oldest normal record
    if (urgent || o.queueFullPolicy === 'drop_oldest') {
      while (!q.fits(size) && q.normal.length > 0) this.evict(q.normal);
      if (o.queueFullPolicy === 'drop_oldest') while (!q.fits(size) && q.urgent.length > 0) this.evict(q.urgent);
    }
    return q.fits(size);
  }

  private evict(lane: Fifo): void {
    this.q.take(lane);
    this.drop('queue_full', 1);
  }

  /** Count `n` lost records; `quiet`: the close/exit summary reports them (no first-drop line). */
  private drop(reason: DropReason, n: number, quiet = false): void {
    if (n <= 0) return;
    this.stats.dropped[reason] += n;
    this.stats.droppedTotal += n;
    if (!quiet) this.report.first(reason);
  }

  /** Append to the spool; what does not fit is counted as spool_full. */
  private toSpool(entries: QueueEntry[]): void {
    if (entries.length === 0) return;
    const n = this.spool!.append(entries);
    this.stats.spooled += n;
    if (n < entries.length) this.drop('spool_full', entries.length - n);
    if (this.spool!.lastError !== undefined) this.noteError(this.spool!.lastError);
  }

  // ---- scheduling ----

  private kick(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(this.pumpBound);
  }

  private schedule(at: number): void {
    if (at >= this.wakeAt || this.tornDown) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.wakeAt = Infinity;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }

  private pump(): void {
    this.pumpQueued = false;
    if (this.tornDown) return;
    if (this.exporter === undefined) {
      // nothing can be sent yet; a due batch makes the missing exporter worth a word
      if (this.q.nextDue(Date.now(), this.flushing > 0) <= Date.now()) this.notePending();
      return;
    }
    const now = Date.now();
    this.topUp();
    while (this.inflight.size < this.options.maxConcurrentExports) {
      if (now < this.gateUntil) break;
      // while unreachable, one probe at a time
      if (this.stats.unavailableSince !== undefined && this.inflight.size > 0) break;
      const batch = this.dueRetry(now) ?? this.q.cut(now, this.flushing > 0);
      if (batch === undefined) break;
      void this.send(batch);
    }
    // the next moment something becomes sendable; sends that settle call pump() themselves
    let next = this.q.nextDue(now, this.flushing > 0);
    for (const b of this.retries) next = Math.min(next, b.dueAt);
    const probing = this.stats.unavailableSince !== undefined && this.inflight.size > 0;
    if (next < Infinity && this.inflight.size < this.options.maxConcurrentExports && !probing) {
      this.schedule(Math.max(next, this.gateUntil, now + 1));
    }
  }

  private dueRetry(now: number): Batch | undefined {
    let best = -1;
    for (let i = 0; i < this.retries.length; i++) {
      const b = this.retries[i]!;
      if (b.dueAt <= now && (best < 0 || b.dueAt < this.retries[best]!.dueAt)) best = i;
    }
    return best < 0 ? undefined : this.retries.splice(best, 1)[0];
  }

  // ---- delivery ----

  private async send(batch: Batch): Promise<void> {
    this.inflight.add(batch);
    this.inflightRecords += batch.entries.length;
    if (batch.sends > 0) this.stats.retried += batch.entries.length;
    batch.sends++;
    const started = performance.now();
    // the batch holds this transport's own entries (type E); the exporter reads them as such
    const result = await exportOnce(this.exporter as unknown as Exporter<QueueEntry>, batch, this.options);
    const ms = performance.now() - started;
    observeLatency(this.stats.exportLatency, ms);
    for (const f of this.exportListeners) f(ms);
    try {
      if (result.outcome === 'encode_error') this.noteError(result.error);
      this.finish(batch, result.outcome === 'encode_error' ? undefined : result);
    } catch (err) {
      // a bug here must not become an unhandled rejection in the host
      this.noteError(`internal error: ${(err as Error).message}`);
    }
  }

  /** Account for a settled send; `undefined` result = encode error (dropped). */
  private finish(batch: Batch, result: ExportResult | undefined): void {
    this.inflight.delete(batch);
    this.inflightRecords -= batch.entries.length;
    if (batch.settled) return this.afterSettle();
    const now = Date.now();
    const s = this.stats;
    const n = batch.entries.length;
    if (result === undefined) {
      this.q.release(n, batch.bytes);
      this.drop('encode_error', n);
    } else if (result.outcome === 'ok') {
      this.q.release(n, batch.bytes);
      s.sent += n;
      s.batchesSent++;
      this.reachable();
    } else {
      s.batchesFailed++;
      this.noteError(result.error ?? result.outcome);
      if (this.tornDown) {
        this.q.release(n, batch.bytes);
        this.disposeUnsent(batch.entries);
      } else if (result.outcome === 'permanent') {
        this.reachable();
        this.q.release(n, batch.bytes);
        this.drop('permanent', n);
      } else if (result.outcome === 'retryable' && result.unavailable === true) {
        if (s.unavailableSince === undefined) {
          s.unavailableSince = now;
          this.report.unreachable(result.error, this.spool !== undefined);
        }
        this.unavailableStreak++;
        const wait = this.retryAfter(result.retryAfterMs) ?? fullJitter(this.unavailableStreak, this.options.backoffBaseMs, this.options.backoffMaxMs);
        this.gateUntil = now + wait;
        batch.dueAt = this.gateUntil;
        this.retries.push(batch);
        // Closing and the destination is down (no other endpoint to try at once): waiting out
        // closeTimeoutMs cannot help, so close() spools (or counts) what is left now.
        if (this.closed && result.retryAfterMs !== 0) this.barriers.releaseAll();
      } else if (result.outcome === 'retryable') {
        this.reachable();
        this.retry(batch, result.retryAfterMs, now);
      } else {
        this.reachable();
        const again: QueueEntry[] = [];
        const failedIdx = new Set<number>();
        for (const f of result.failed) {
          if (f.index < 0 || f.index >= n || failedIdx.has(f.index)) continue;
          failedIdx.add(f.index);
          if (f.retryable) again.push(batch.entries[f.index]!);
          else this.drop('permanent', 1);
        }
        s.sent += n - failedIdx.size;
        const child = childBatch(batch, again);
        this.q.release(n - again.length, batch.bytes - child.bytes);
        if (again.length > 0) this.retry(child, result.retryAfterMs, now, result.unavailable !== true);
      }
    }
    this.afterSettle();
  }

  /** Queue `batch` for another send. `charge: false` (throttled items of a partial result) uses up no attempt. */
  private retry(batch: Batch, retryAfterMs: number | undefined, now: number, charge = true): void {
    if (charge) {
      batch.charged++;
      batch.throttled = 0;
      if (batch.charged >= this.options.maxAttempts) {
        this.q.release(batch.entries.length, batch.bytes);
        return this.drop('max_attempts', batch.entries.length);
      }
    } else {
      batch.throttled++;
    }
    const ra = this.retryAfter(retryAfterMs);
    // the server named a time: it applies to everything we send it
    if (ra !== undefined) this.gateUntil = Math.max(this.gateUntil, now + ra);
    batch.dueAt = now + (ra ?? fullJitter(batch.charged + batch.throttled, this.options.backoffBaseMs, this.options.backoffMaxMs));
    this.retries.push(batch);
  }

  private retryAfter(ms: number | undefined): number | undefined {
    return ms === undefined ? undefined : Math.min(Math.max(0, ms), this.options.maxRetryAfterMs);
  }

  private reachable(): void {
    this.stats.unavailableSince = undefined;
    this.unavailableStreak = 0;
  }

  private afterSettle(): void {
    this.barriers.check();
    if (!this.tornDown) this.pump();
  }

  private noteError(message: string): void {
    this.stats.lastError = { time: Date.now(), message };
  }

  /** Spool (or count as lost) records that will not be delivered from memory. */
  private disposeUnsent(entries: QueueEntry[], lostAs: DropReason = 'shutdown', quiet = false): void {
    if (entries.length === 0) return;
    if (this.spool !== undefined) this.toSpool(entries);
    else this.drop(lostAs, entries.length, quiet);
  }

  /** Move replayed spool records into the queue while it is under half full. */
  private topUp(): void {
    const o = this.options;
    const q = this.q;
    const spool = this.spool;
    if (spool === undefined) return;
    // records spilled by this process during an outage or overload: replay them once the
    // destination answers and the queue has drained to a quarter
    if (
      this.backlog.length === 0 &&
      !this.closed &&
      spool.hasOwnData() &&
      this.stats.unavailableSince === undefined &&
      q.records < o.queueMaxRecords / 4 &&
      q.bytes < o.queueMaxBytes / 4
    ) {
      const file = spool.claimOwn();
      if (file !== undefined) {
        const { entries, damaged } = spool.read(file);
        if (damaged > 0) this.drop('spool_corrupt', damaged);
        this.backlog.push({ entries, next: 0, file });
      }
    }
    while (this.backlog.length > 0 && q.records < o.queueMaxRecords / 2 && q.bytes < o.queueMaxBytes / 2) {
      const part = this.backlog[0]!;
      if (part.next < part.entries.length) {
        const e = part.entries[part.next++]!;
        this.stats.replayed++;
        q.push(e, false);
        q.batchDeadline = 0; // replayed records are overdue: send them at once
        this.kick();
      }
      if (part.next >= part.entries.length) {
        this.backlog.shift();
        this.barriers.wait(this.q.urgent.added, this.q.normal.added, undefined, () => spool.release(part.file));
      }
    }
  }

  // ---- flush / close ----

  private settledUpTo(capUrgent: number, capNormal: number): boolean {
    if (!this.q.passed(capUrgent, capNormal)) return false;
    for (const b of this.inflight) if (b.minUrgent < capUrgent || b.minNormal < capNormal) return false;
    for (const b of this.retries) if (b.minUrgent < capUrgent || b.minNormal < capNormal) return false;
    return true;
  }

  /**
   * Resolves once every record accepted before the call was acknowledged by the destination,
   * dropped (counted) or spooled — and every record read back from a spool at start, while the
   * destination answers — or when the timeout passes. Ignores the batch delay; honours
   * retry backoff. Records held in debug buffers are not accepted yet and are not waited for.
   */
  flush(options?: FlushOptions): Promise<void> {
    if (this.exporter === undefined) {
      // nothing can be delivered before an exporter is attached: records stay queued (or spooled)
      if (this.q.records > 0) this.notePending();
      return Promise.resolve();
    }
    // The destination is down and there is a spool: what is in memory goes there now (it is replayed
    // once the destination answers), which is what flush() waits for anyway.
    if (this.spool !== undefined && this.stats.unavailableSince !== undefined && !this.tornDown) this.spillAll('shutdown');
    const deadline = Date.now() + (options?.timeoutMs ?? this.options.flushTimeoutMs);
    return new Promise<void>((resolve) => {
      this.flushing++;
      // Wait for what is queued now; then, while records read back from a spool are still waiting to
      // enter the queue (it takes them as it drains) and the destination answers, for those too.
      const step = (): void => {
        this.barriers.wait(this.q.urgent.added, this.q.normal.added, Math.max(0, deadline - Date.now()), () => {
          if (this.backlog.length > 0 && !this.tornDown && this.stats.unavailableSince === undefined && Date.now() < deadline) {
            this.topUp();
            this.kick();
            step();
            return;
          }
          this.flushing--;
          resolve();
        });
      };
      step();
      if (this.flushing > 0) this.kick();
    });
  }

  /** Records in memory not yet settled (queued, retrying, in flight). */
  pending(): number {
    return this.q.records;
  }

  /**
   * For process exit: nothing asynchronous will run again. With a spool, every record in memory
   * (in-flight ones too: they may arrive twice) is written synchronously; without one they are
   * lost and counted as `exit`.
   */
  flushSync(): void {
    if (this.exporter === undefined && this.q.records > 0) this.notePending();
    this.spillAll('exit');
    this.report.summary(this.stats.dropped, this.stats.droppedTotal, 'exit');
  }

  private spillAll(lostAs: DropReason): void {
    const all: QueueEntry[] = [];
    this.q.takeAll(all);
    for (const b of this.retries.splice(0)) {
      this.q.release(b.entries.length, b.bytes);
      all.push(...b.entries);
    }
    for (const b of this.inflight) {
      if (b.settled) continue;
      b.settled = true;
      this.q.release(b.entries.length, b.bytes);
      all.push(...b.entries);
    }
    // replayed records not yet queued stay in their claimed .replay file, read again next start
    this.disposeUnsent(all, lostAs, true);
    this.barriers.check();
  }

  /** Stop accepting, deliver what is queued within closeTimeoutMs (at once if the destination is down), spool or drop the rest. Idempotent. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.closed = true;
    this.closing = (async () => {
      // The destination is down right now: waiting out closeTimeoutMs under backoff cannot deliver
      // anything, it only delays the host's shutdown. Spool (or count) what is left at once.
      await this.flush({ timeoutMs: this.stats.unavailableSince === undefined ? this.options.closeTimeoutMs : 0 });
      this.tornDown = true;
      if (this.timer !== undefined) clearTimeout(this.timer);
      for (const b of this.inflight) b.abort?.abort();
      this.spillAll('shutdown');
      this.backlog.length = 0;
      this.barriers.releaseAll();
      unregisterForExit(this.exitToken);
      this.report.summary(this.stats.dropped, this.stats.droppedTotal, 'close');
      try {
        await this.exporter?.shutdown?.();
      } catch (err) {
        this.noteError(`exporter shutdown failed: ${(err as Error).message}`);
      }
      this.spool?.close();
      for (const f of this.onClose.splice(0)) {
        try {
          f();
        } catch {
          // a metrics unregistration failing must not make close() reject
        }
      }
    })();
    return this.closing;
  }

  getStats(): TransportStats {
    const s = this.stats;
    s.queueRecords = this.q.records;
    s.queueBytes = this.q.bytes;
    s.inFlightRecords = this.inflightRecords;
    s.spoolBytes = this.spool?.bytes ?? 0;
    return copyStats(s);
  }

  get name(): string {
    return this.stats.exporter;
  }

  /** Run `fn` when the transport closes (metrics registrations use it). */
  onClosed(fn: () => void): void {
    this.onClose.push(fn);
  }

  /** Run `fn(ms)` after each send (the OpenTelemetry histogram uses it). */
  onExported(fn: (ms: number) => void): void {
    this.exportListeners.push(fn);
  }
}

/** A `Destination` for the logger, in front of `options.exporter` (or of one attached later). */
export function createTransport<E extends QueueEntry = LogEntry>(options: TransportOptions<E>): Transport<E> {
  return new Transport<E>(options);
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function transportName(o: TransportOptions<QueueEntry>): string {
  const name = o.exporter?.name ?? o.name;
  if (typeof name === 'string' && NAME.test(name)) return name;
  diagnose(
    ERR_CONFIG_INVALID,
    `transport name ${JSON.stringify(String(name))} is not valid; accepted: 1-64 characters of [A-Za-z0-9_.-] (it names the spool file and the metrics); using "exporter"`,
  );
  return 'exporter';
}
