/**
 * Buffered, asynchronous writes of one line per record to a file descriptor (stdout by default).
 * write() only appends to a bounded buffer; the buffer goes out with fs.write at most COALESCE_MS
 * after its first line (sooner once COALESCE_BYTES are pending, at once on flush()/close()), one write
 * in flight at a time, partial writes resumed, EAGAIN retried after a short pause. When the buffer bound is reached, new records are dropped and counted. EPIPE (the
 * reader is gone) drops what is pending and everything after, counted, never thrown.
 */
import { write as fsWrite, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { DropNote } from './drop-note.js';
import type { Destination, DestinationStats, LogEntry } from './destination.js';
import { COALESCE_BYTES, Coalescer } from './coalescer.js';
import { FlushWaiters } from './flush-waiters.js';
import { formatPretty } from './pretty.js';

export interface StdoutDestinationOptions {
  /** `json` (default): the record line as is; `pretty`: a readable single line for development. */
  format?: 'json' | 'pretty';
  /** File descriptor to write to (default 1, stdout). */
  fd?: number;
  /** Bound of the pending buffer in UTF-16 code units (≈ bytes for ASCII). Default 16 MiB. */
  maxBufferBytes?: number;
  /** Colour the pretty format. Default: fd is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

export interface StdoutDestination extends Destination {
  stats(): DestinationStats;
  flushSync(): void;
}

const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;
const EAGAIN_RETRY_MS = 10;
/** flushSync gives up after this long on a reader that does not drain (EAGAIN). */
const FLUSH_SYNC_DEADLINE_MS = 1000;
/**
 * Latency bound of a line: it is handed to fs.write at most this long after it was written (unless a
 * write is still in flight). Writing once per event-loop turn could cost a syscall plus a thread-pool
 * hop per line when lines arrive one per turn (test/coalescing.test.ts: 40 lines over 40 turns now go
 * out in a few writes). Shared with the file destination.
 */

export function createStdoutDestination(options: StdoutDestinationOptions = {}): StdoutDestination {
  return new FdDestination(options);
}

class FdDestination implements StdoutDestination {
  private readonly fd: number;
  private readonly pretty: boolean;
  private readonly colour: boolean;
  private readonly maxBuffer: number;
  private pending = '';
  private pendingRecords = 0;
  private inflight: Buffer | undefined = undefined;
  private inflightOffset = 0;
  private inflightRecords = 0;
  /** Size of the in-flight chunk in the units of the bound (UTF-16 code units), so pending + in flight ≤ bound. */
  private inflightChars = 0;
  private readonly coalescer = new Coalescer(() => this.drain());
  /** flush()/close() asked for records up to this sequence number: write without waiting for the timer. */
  private urgentUntil = 0;
  /** An EAGAIN retry is pending: the in-flight buffer is not in the kernel's hands. */
  private retrying = false;
  private broken = false;
  private closed = false;
  private closing: Promise<void> | undefined = undefined;
  private readonly waiters = new FlushWaiters();
  private readonly counters: DestinationStats = { written: 0, dropped: 0, errors: 0 };
  private readonly note = new DropNote('the stdout destination');
  private readonly retry = (): void => {
    this.retrying = false;
    if (this.inflight !== undefined) this.issue();
  };
  private readonly onWritten = (err: NodeJS.ErrnoException | null, n: number): void => {
    this.written(err, n);
  };

  constructor(options: StdoutDestinationOptions) {
    this.fd = typeof options.fd === 'number' ? options.fd : 1;
    this.pretty = options.format === 'pretty';
    this.maxBuffer = typeof options.maxBufferBytes === 'number' && options.maxBufferBytes > 0 ? options.maxBufferBytes : DEFAULT_MAX_BUFFER;
    let colour = options.color;
    if (colour === undefined) {
      // NO_COLOR (https://no-color.org) is a cross-tool convention, not a Meridian setting.
      colour = this.pretty && process.env.NO_COLOR === undefined && safeIsatty(this.fd);
    }
    this.colour = colour;
  }

  stats(): DestinationStats {
    return { ...this.counters };
  }

  write(entry: LogEntry): void {
    try {
      if (this.closed || this.broken) {
        this.counters.dropped++;
        this.note.once(this.broken ? 'the reader of stdout is gone (EPIPE/EBADF)' : 'records were logged after close()');
        return;
      }
      const text = this.pretty ? formatPretty(entry.line, this.colour) : entry.line;
      if (this.pending.length + this.inflightChars + text.length + 1 > this.maxBuffer) {
        this.counters.dropped++;
        this.note.once(`its buffer (maxBuffer, ${this.maxBuffer} characters) is full: stdout is not read as fast as the service logs`);
        return;
      }
      this.pending += text + '\n';
      this.pendingRecords++;
      this.waiters.accepted++;
      if (this.inflight === undefined) this.schedule();
    } catch {
      this.counters.errors++;
    }
  }

  flush(): Promise<void> {
    this.urgentUntil = this.waiters.accepted;
    this.drain();
    return this.waiters.wait();
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      // Closing does not close the fd: stdout (or the caller's fd) belongs to the caller.
      this.urgentUntil = this.waiters.accepted;
      this.drain();
      this.closing = this.waiters.wait();
    }
    return this.closing;
  }

  /**
   * At exit: write the buffered lines with fs.writeSync. A chunk already handed to an async
   * fs.write is left to it (writing it again could duplicate lines), unless it is waiting for an
   * EAGAIN retry timer that will never fire.
   */
  flushSync(): void {
    if (this.broken) return;
    const parts: Buffer[] = [];
    let records = 0;
    if (this.retrying && this.inflight !== undefined) {
      // The in-flight remainder is waiting for a retry timer that will not fire after exit: send it now.
      parts.push(this.inflight.subarray(this.inflightOffset));
      records = this.inflightRecords;
      this.inflight = undefined;
      this.inflightRecords = 0;
      this.inflightChars = 0;
      this.retrying = false;
    }
    if (this.pending !== '') {
      parts.push(Buffer.from(this.pending, 'utf8'));
      records += this.pendingRecords;
      this.pending = '';
      this.pendingRecords = 0;
    }
    if (parts.length === 0) return;
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    let off = 0;
    const deadline = Date.now() + FLUSH_SYNC_DEADLINE_MS;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off, buf.length - off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN' && Date.now() < deadline) continue;
        this.counters.errors++;
        this.counters.dropped += records;
        this.note.once(`a write failed at exit (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        this.waiters.settle(records);
        return;
      }
    }
    this.counters.written += records;
    this.waiters.settle(records);
  }

  /** Nothing in flight, lines pending: write now when urgent or large, else within COALESCE_MS. */
  private schedule(): void {
    if (this.pending === '') return;
    this.coalescer.schedule(this.pending.length >= COALESCE_BYTES || this.waiters.settled < this.urgentUntil);
  }

  private drain(): void {
    if (this.inflight !== undefined || this.pending === '' || this.broken) return;
    this.inflight = Buffer.from(this.pending, 'utf8');
    this.inflightChars = this.pending.length;
    this.inflightOffset = 0;
    this.inflightRecords = this.pendingRecords;
    this.pending = '';
    this.pendingRecords = 0;
    this.issue();
  }

  private issue(): void {
    const buf = this.inflight as Buffer;
    try {
      fsWrite(this.fd, buf, this.inflightOffset, buf.length - this.inflightOffset, null, this.onWritten);
    } catch (e) {
      this.written(e as NodeJS.ErrnoException, 0);
    }
  }

  private written(err: NodeJS.ErrnoException | null, n: number): void {
    if (err !== null) {
      if (err.code === 'EAGAIN') {
        // A non-blocking pipe or TTY is full: wait for the reader, keep the data.
        // Unref'd: a stuck reader must not keep the process alive; flushSync() makes a last attempt at exit.
        this.retrying = true;
        setTimeout(this.retry, EAGAIN_RETRY_MS).unref();
        return;
      }
      this.counters.errors++;
      const lost = this.inflightRecords;
      this.inflight = undefined;
      this.inflightRecords = 0;
      this.inflightChars = 0;
      this.counters.dropped += lost;
      this.note.once(`a write failed (${err.code ?? 'error'})`);
      if (err.code === 'EPIPE' || err.code === 'EBADF') {
        // The reader is gone: nothing written from now on will arrive either.
        this.broken = true;
        this.counters.dropped += this.pendingRecords;
        this.pending = '';
        this.pendingRecords = 0;
        this.waiters.settleAll();
        return;
      }
      this.waiters.settle(lost);
      this.schedule();
      return;
    }
    const buf = this.inflight as Buffer;
    this.inflightOffset += n;
    if (this.inflightOffset < buf.length) {
      this.issue();
      return;
    }
    const done = this.inflightRecords;
    this.inflight = undefined;
    this.inflightRecords = 0;
    this.inflightChars = 0;
    this.counters.written += done;
    this.waiters.settle(done);
    this.schedule();
  }
}

function safeIsatty(fd: number): boolean {
  try {
    return isatty(fd);
  } catch {
    return false;
  }
}
