/**
 * Names of rotated log files, all in UTC:
 *   app.log                      the active file
 *   app.2026-11-21.log           daily period (or size-only rotation: the UTC day of the rotation)
 *   app.2026-11-21T05.log        hourly period
 *   app.2026-11-21T05.1.log      second file of that period (size rotation), then .2, .3 …
 *   … .log.gz                    the same, compressed
 */
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

export type Interval = 'daily' | 'hourly';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Index of the UTC period containing `ms` (epoch time has no leap seconds: every UTC day is 86 400 000 ms). */
export function periodOf(ms: number, interval: Interval | undefined): number {
  return Math.floor(ms / (interval === 'hourly' ? HOUR_MS : DAY_MS));
}

/** `2026-11-21` or `2026-11-21T05` for a period index. */
export function periodLabel(period: number, interval: Interval | undefined): string {
  const iso = new Date(period * (interval === 'hourly' ? HOUR_MS : DAY_MS)).toISOString();
  return interval === 'hourly' ? iso.slice(0, 13) : iso.slice(0, 10);
}

export interface RotatedFile {
  name: string;
  label: string;
  seq: number;
}

export class RotationNames {
  readonly dir: string;
  private readonly stem: string;
  private readonly ext: string;
  private readonly pattern: RegExp;

  constructor(path: string) {
    this.dir = dirname(path);
    this.ext = extname(path);
    this.stem = basename(path, this.ext);
    const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.pattern = new RegExp(`^${esc(this.stem)}\\.(\\d{4}-\\d{2}-\\d{2}(?:T\\d{2})?)(?:\\.(\\d+))?${esc(this.ext)}(\\.gz)?$`);
  }

  nameFor(label: string, seq: number): string {
    return join(this.dir, `${this.stem}.${label}${seq > 0 ? '.' + seq : ''}${this.ext}`);
  }

  /**
   * `app.<label>.log` if no file of that period exists yet, else one past the highest sequence
   * (never a gap left by retention: names stay in time order within a period).
   */
  async freeName(label: string): Promise<string> {
    let next = 0;
    for (const f of await this.list()) {
      if (f.label === label && f.seq + 1 > next) next = f.seq + 1;
    }
    return this.nameFor(label, next);
  }

  /** Rotated files in the directory, newest first (by period, then sequence). */
  async list(): Promise<RotatedFile[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: RotatedFile[] = [];
    for (const name of names) {
      const m = this.pattern.exec(name);
      if (m !== null) out.push({ name, label: m[1], seq: m[2] === undefined ? 0 : Number(m[2]) });
    }
    out.sort((a, b) => (a.label === b.label ? b.seq - a.seq : a.label < b.label ? 1 : -1));
    return out;
  }

  /** Delete rotated files beyond the newest `keep` (a file and its .gz count as one). Returns errors seen. */
  async retain(keep: number): Promise<number> {
    const files = await this.list();
    const kept = new Set<string>();
    let errors = 0;
    for (const f of files) {
      const key = `${f.label}.${f.seq}`;
      if (kept.has(key)) continue;
      if (kept.size < keep) {
        kept.add(key);
        continue;
      }
      try {
        await unlink(join(this.dir, f.name));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') errors++;
      }
    }
    return errors;
  }
}
