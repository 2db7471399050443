/**
 * Buffered asynchronous appends to a file, coalesced like the stdout destination's (a line waits at
 * most COALESCE_MS, less once COALESCE_BYTES are pending, none after flush()/close()), rotated at UTC day/hour boundaries (by each record's
 * time) and/or by size, rotated files gzipped in the background (zlib streams) and pruned to the
 * newest `keep`. The file is reopened when it was removed or replaced. Naming: rotation-names.ts.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises';
import { gzipFile } from './compress.js';
import { DropNote } from './drop-note.js';
import type { Destination, DestinationStats, LogEntry } from './destination.js';
import { FlushWaiters } from './flush-waiters.js';
import { COALESCE_BYTES, Coalescer } from './coalescer.js';
import { type Interval, RotationNames, periodLabel, periodOf } from './rotation-names.js';

export interface FileDestinationOptions {
  path: string;
  rotate?: { interval?: Interval; maxBytes?: number };
  /** Rotated files kept (default 7). */
  keep?: number;
  /** Gzip rotated files in the background (default true). */
  compress?: boolean;
  /** Bound of the pending buffer in UTF-16 code units (≈ bytes for ASCII). Default 16 MiB. */
  maxBufferBytes?: number;
  /** Clock (epoch ms) for names of size-only rotations; tests pass a fake one. Default Date.now. */
  now?: () => number;
}

export interface FileDestination extends Destination {
  stats(): FileDestinationStats;
  flushSync(): void;
}

export interface FileDestinationStats extends DestinationStats {
  rotations: number;
  compressed: number;
}

interface Segment {
  period: number;
  text: string;
  records: number;
}

const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;

export function createFileDestination(options: FileDestinationOptions): FileDestination {
  return new FileDest(options);
}

class FileDest implements FileDestination {
  private readonly path: string;
  private readonly interval: Interval | undefined;
  private readonly maxBytes: number | undefined;
  private readonly keep: number;
  private readonly compress: boolean;
  private readonly maxBuffer: number;
  private readonly now: () => number;
  private readonly names: RotationNames;
  private segments: Segment[] = [];
  private pendingChars = 0;
  private handle: FileHandle | undefined = undefined;
  private ino = -1;
  private size = 0;
  private filePeriod = -1;
  private pumping = false;
  private readonly coalescer = new Coalescer(() => this.kick());
  /** flush()/close() asked for records up to this sequence number: write without waiting for the timer. */
  private urgentUntil = 0;
  private closed = false;
  private closing: Promise<void> | undefined = undefined;
  /** Compression and retention, one at a time, in the background. */
  private maintenance: Promise<void> = Promise.resolve();
  private readonly waiters = new FlushWaiters();
  private readonly counters: FileDestinationStats = { written: 0, dropped: 0, errors: 0, rotations: 0, compressed: 0 };
  private readonly note = new DropNote('the file destination');

  constructor(options: FileDestinationOptions) {
    this.path = String(options.path);
    const rotate = options.rotate ?? {};
    this.interval = rotate.interval === 'daily' || rotate.interval === 'hourly' ? rotate.interval : undefined;
    this.maxBytes = typeof rotate.maxBytes === 'number' && rotate.maxBytes > 0 ? rotate.maxBytes : undefined;
    this.keep = typeof options.keep === 'number' && options.keep >= 0 ? Math.floor(options.keep) : 7;
    this.compress = options.compress !== false;
    this.maxBuffer = typeof options.maxBufferBytes === 'number' && options.maxBufferBytes > 0 ? options.maxBufferBytes : DEFAULT_MAX_BUFFER;
    this.now = typeof options.now === 'function' ? options.now : Date.now;
    this.names = new RotationNames(this.path);
  }

  stats(): FileDestinationStats {
    return { ...this.counters };
  }

  write(entry: LogEntry): void {
    try {
      if (this.closed) {
        this.counters.dropped++;
        this.note.once('records were logged after close()');
        return;
      }
      const line = entry.line;
      if (this.pendingChars + line.length + 1 > this.maxBuffer) {
        this.counters.dropped++;
        this.note.once(`its buffer (maxBuffer, ${this.maxBuffer} characters) is full: the disk is slower than the service logs`);
        return;
      }
      const period = this.interval === undefined ? 0 : periodOf(Number.isFinite(entry.time) ? entry.time : this.now(), this.interval);
      const last = this.segments.length === 0 ? undefined : this.segments[this.segments.length - 1];
      if (last !== undefined && last.period === period) {
        last.text += line + '\n';
        last.records++;
      } else {
        this.segments.push({ period, text: line + '\n', records: 1 });
      }
      this.pendingChars += line.length + 1;
      this.waiters.accepted++;
      this.schedule();
    } catch {
      this.counters.errors++;
    }
  }

  flush(): Promise<void> {
    this.urgentUntil = this.waiters.accepted;
    this.kick();
    return this.waiters.wait();
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      this.urgentUntil = this.waiters.accepted;
      this.kick();
      this.closing = this.finish();
    }
    return this.closing;
  }

  /** Last chance at process exit: append what is still buffered, synchronously, to the active file. */
  flushSync(): void {
    if (this.segments.length === 0) return;
    const segments = this.segments;
    this.segments = [];
    this.pendingChars = 0;
    let fd = -1;
    try {
      mkdirSync(this.names.dir, { recursive: true });
      fd = openSync(this.path, 'a');
      for (const s of segments) {
        writeSync(fd, s.text);
        this.counters.written += s.records;
        this.waiters.settle(s.records);
      }
    } catch {
      this.counters.errors++;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  private async finish(): Promise<void> {
    await this.waiters.wait();
    await this.maintenance;
    const h = this.handle;
    this.handle = undefined;
    if (h !== undefined) {
      try {
        await h.close();
      } catch {
        this.counters.errors++;
      }
    }
  }

  /** Write now when urgent or large, else arm the timer; a running pump looks again when its write completes. */
  private schedule(): void {
    if (this.pumping || this.segments.length === 0) return;
    this.coalescer.schedule(this.urgent());
  }

  private urgent(): boolean {
    return this.pendingChars >= COALESCE_BYTES || this.waiters.settled < this.urgentUntil;
  }

  private kick(): void {
    if (this.pumping || this.segments.length === 0) return;
    this.pumping = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    // The segments pending now go out in this round (several only across a rotation period); lines
    // added while it writes wait for the timer unless they became urgent.
    let round = this.segments.length;
    try {
      while (this.segments.length > 0 && (round-- > 0 || this.urgent())) {
        const seg = this.segments.shift() as Segment;
        this.pendingChars -= seg.text.length;
        const before = this.waiters.settled;
        try {
          await this.writeSegment(seg);
        } catch {
          this.counters.errors++;
        }
        // Whatever happened, every record of the segment is settled, or flush() would wait forever.
        const missing = seg.records - (this.waiters.settled - before);
        if (missing > 0) {
          this.counters.dropped += missing;
          this.note.once('a write to the log file failed (see stats().errors)');
          this.waiters.settle(missing);
        }
      }
    } finally {
      this.pumping = false;
    }
    this.schedule();
  }

  private async writeSegment(seg: Segment): Promise<void> {
    if (!(await this.ensureOpen(seg.period))) {
      this.counters.dropped += seg.records;
      this.note.once('the log file could not be opened');
      this.waiters.settle(seg.records);
      return;
    }
    if (this.interval !== undefined && seg.period !== this.filePeriod) {
      if (this.size > 0) await this.rotate();
      this.filePeriod = seg.period;
      if (!(await this.ensureOpen(seg.period))) {
        this.counters.dropped += seg.records;
        this.note.once('the log file could not be opened after rotation');
        this.waiters.settle(seg.records);
        return;
      }
    }
    let buf = Buffer.from(seg.text, 'utf8');
    while (buf.length > 0) {
      let part = buf;
      if (this.maxBytes !== undefined && this.size + buf.length > this.maxBytes) {
        const room = this.maxBytes - this.size;
        // Cut after the last whole line that fits; a single line larger than maxBytes goes alone.
        let cut = room > 0 ? buf.lastIndexOf(10, room - 1) : -1;
        if (cut < 0 && this.size > 0) {
          await this.rotate();
          if (!(await this.ensureOpen(seg.period))) break;
          continue;
        }
        if (cut < 0) cut = buf.indexOf(10);
        part = buf.subarray(0, cut + 1);
      }
      const records = countLines(part);
      try {
        await this.writeAll(part);
        this.counters.written += records;
      } catch {
        this.counters.errors++;
        this.counters.dropped += records;
        this.note.once('a write to the log file failed (see stats().errors)');
      }
      this.waiters.settle(records);
      buf = buf.subarray(part.length);
      if (buf.length > 0) {
        await this.rotate();
        if (!(await this.ensureOpen(seg.period))) break;
      }
    }
    if (buf.length > 0) {
      const lost = countLines(buf);
      this.counters.dropped += lost;
      this.note.once('the log file could not be reopened after rotation');
      this.waiters.settle(lost);
    }
  }

  private async writeAll(buf: Buffer): Promise<void> {
    const h = this.handle as FileHandle;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await h.write(buf, off, buf.length - off);
      off += bytesWritten;
      this.size += bytesWritten;
    }
  }

  /** Open the file if needed; reopen it when it was removed or replaced since. False when it cannot be opened. */
  private async ensureOpen(period: number): Promise<boolean> {
    if (this.handle !== undefined) {
      let current = -1;
      try {
        current = (await stat(this.path)).ino;
      } catch {
        current = -1;
      }
      if (current === this.ino) return true;
      const h = this.handle;
      this.handle = undefined;
      await h.close().catch(() => undefined);
    }
    try {
      await mkdir(this.names.dir, { recursive: true });
      const h = await open(this.path, 'a');
      const st = await h.stat();
      this.handle = h;
      this.ino = st.ino;
      this.size = st.size;
      // An existing file belongs to the period of its last write.
      this.filePeriod = st.size > 0 && this.interval !== undefined ? periodOf(st.mtimeMs, this.interval) : period;
      return true;
    } catch {
      this.counters.errors++;
      return false;
    }
  }

  private async rotate(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h !== undefined) await h.close().catch(() => undefined);
    const label = this.interval === undefined ? periodLabel(periodOf(this.now(), 'daily'), 'daily') : periodLabel(this.filePeriod, this.interval);
    try {
      const target = await this.names.freeName(label);
      await rename(this.path, target);
      this.counters.rotations++;
      this.size = 0;
      this.queueMaintenance(target);
    } catch {
      this.counters.errors++;
    }
  }

  private queueMaintenance(rotated: string): void {
    this.maintenance = this.maintenance
      .then(async () => {
        if (this.compress) {
          if (await gzipFile(rotated)) this.counters.compressed++;
          else this.counters.errors++;
        }
        this.counters.errors += await this.names.retain(this.keep);
      })
      .catch(() => {
        this.counters.errors++;
      });
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  let i = buf.indexOf(10);
  while (i !== -1) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}
