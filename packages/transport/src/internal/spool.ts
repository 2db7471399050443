import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueEntry } from '../types.js';
import { SPOOL_MAGIC, decodeFrames, encodeFrames } from './spool-format.js';

/**
 * One exporter's disk spool in `dir`. Two processes never share a file: each appends to
 * `<name>.<pid>.<startMs>.spool`. At start a process claims the files of dead processes by an
 * atomic rename to `<name>.<pid>.<startMs>.<n>.replay` (a rename succeeds for exactly one
 * claimant), replays them, and unlinks each once its records are acknowledged. A crash during
 * replay leaves the `.replay` file under a dead pid: it is claimed again next start (at-least-once).
 * A file whose pid is alive and not ours is left alone; one with our pid and another start time
 * belongs to a previous incarnation (pid reuse in containers) and is claimed.
 * Everything is synchronous: it runs at start, on overflow (one write per spilled chunk) and at exit.
 */
export class Spool {
  private fd: number | undefined;
  private readonly file: string;
  private readonly startMs = uniqueStart();
  private claimSeq = 0;
  /** Bytes in our spool file plus claimed files not yet unlinked. */
  bytes = 0;
  /** Frames appended to our own file since it was opened. */
  private ownFrames = 0;
  lastError: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
  ) {
    this.file = join(dir, `${name}.${process.pid}.${this.startMs}.spool`);
  }

  /**
   * Append `entries` (one write). Returns how many fitted: the rest would pass maxBytes.
   * Never throws: on an I/O error it returns 0 and records `lastError`.
   */
  append(entries: readonly QueueEntry[]): number {
    if (entries.length === 0) return 0;
    try {
      let n = entries.length;
      let buf = encodeFrames(entries);
      if (this.fd === undefined) {
        mkdirSync(this.dir, { recursive: true });
        this.fd = openSync(this.file, 'a');
        if (fstatSync(this.fd).size === 0) {
          writeSync(this.fd, SPOOL_MAGIC);
          this.bytes += SPOOL_MAGIC.length;
        }
      }
      while (n > 0 && this.bytes + buf.length > this.maxBytes) {
        n = Math.floor(n / 2);
        buf = encodeFrames(entries.slice(0, n));
      }
      if (n === 0) return 0;
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off);
      this.bytes += buf.length;
      this.ownFrames += n;
      return n;
    } catch (err) {
      this.lastError = `spool write failed: ${(err as Error).message}`;
      return 0;
    }
  }

  /** Claim the spool files left by processes that are gone, oldest first. Never throws. */
  claimOrphans(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const prefix = `${this.name}.`;
    const found: { path: string; start: number }[] = [];
    for (const n of names) {
      if (!n.startsWith(prefix) || !(n.endsWith('.spool') || n.endsWith('.replay'))) continue;
      const parts = n.slice(prefix.length).split('.');
      const pid = Number(parts[0]);
      const start = Number(parts[1]);
      if (!Number.isInteger(pid) || !Number.isFinite(start)) continue;
      const path = join(this.dir, n);
      if (path === this.file) continue;
      if (pid !== process.pid && isAlive(pid)) continue;
      if (pid === process.pid && start === this.startMs) continue;
      found.push({ path, start });
    }
    found.sort((a, b) => a.start - b.start);
    const claimed: string[] = [];
    for (const f of found) {
      const target = join(this.dir, `${this.name}.${process.pid}.${this.startMs}.${this.claimSeq++}.replay`);
      try {
        renameSync(f.path, target);
        this.bytes += statSync(target).size;
        claimed.push(target);
      } catch {
        // another process claimed it first
      }
    }
    return claimed;
  }

  /** Does our own file hold records written by this process? */
  hasOwnData(): boolean {
    return this.ownFrames > 0;
  }

  /**
   * Hand our own file over for replay while running (the destination is back): close it and
   * rename it to a claimed `.replay` name; the next append starts a new file. Returns its path.
   */
  claimOwn(): string | undefined {
    if (this.ownFrames === 0) return undefined;
    this.close();
    const target = join(this.dir, `${this.name}.${process.pid}.${this.startMs}.${this.claimSeq++}.replay`);
    try {
      renameSync(this.file, target);
      this.ownFrames = 0;
      return target;
    } catch (err) {
      this.lastError = `spool rename failed: ${(err as Error).message}`;
      return undefined;
    }
  }

  /** Read a claimed file. */
  read(path: string): { entries: QueueEntry[]; damaged: number } {
    try {
      return decodeFrames(readFileSync(path));
    } catch (err) {
      this.lastError = `spool read failed: ${(err as Error).message}`;
      return { entries: [], damaged: 1 };
    }
  }

  /** Delete a replayed file once its records are acknowledged. */
  release(path: string): void {
    try {
      const size = statSync(path).size;
      unlinkSync(path);
      this.bytes = Math.max(0, this.bytes - size);
    } catch {
      // already gone
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // nothing to do
    }
    this.fd = undefined;
  }
}

let lastStart = 0;
/** Start stamps unique within the process, so two spools opened in one millisecond get two files. */
function uniqueStart(): number {
  lastStart = Math.max(Date.now(), lastStart + 1);
  return lastStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
