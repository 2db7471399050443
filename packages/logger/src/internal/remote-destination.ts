/**
 * Destinations behind `@meridian/transport` for the network exporters named in
 * MERIDIAN_LOG_EXPORTERS. Each exporter lives in its own package (optional peer dependency), so a
 * service only installs — and only loads — what it ships to. Loading is asynchronous (`import()`),
 * `createLogger()` is not: until the exporter is ready, records wait in a bounded buffer (counted
 * when dropped); `flush()`/`close()` wait for the load, then for delivery.
 */
import { diagnose } from '@meridian/config';
import type { Destination, LogEntry } from './destination.js';

export type RemoteExporterName = 'cloudwatch' | 'logstash' | 'elasticsearch' | 'otlp';
export const REMOTE_EXPORTERS: readonly RemoteExporterName[] = ['cloudwatch', 'logstash', 'elasticsearch', 'otlp'];

export const ERR_EXPORTER_UNAVAILABLE = 'MERIDIAN_ERR_EXPORTER_UNAVAILABLE';
export const ERR_EXPORTER_REFUSED = 'MERIDIAN_ERR_EXPORTER_REFUSED';

type Module = Record<string, unknown>;
type Factory = (options?: object) => unknown;

/** Package, and how to get a logger Destination out of its module (each package's documented convenience factory). */
const LOADERS: Record<RemoteExporterName, { pkg: string; build(mod: Module): Destination }> = {
  cloudwatch: { pkg: '@meridian/exporter-cloudwatch', build: (m) => call(m, 'createCloudWatchDestination') as Destination },
  logstash: { pkg: '@meridian/exporter-elk', build: (m) => call(m, 'createLogstashDestination') as Destination },
  elasticsearch: { pkg: '@meridian/exporter-elk', build: (m) => call(m, 'createElasticsearchDestination') as Destination },
  otlp: { pkg: '@meridian/exporter-otlp', build: (m) => (call(m, 'createOtlpLogTransport') as { transport: Destination }).transport },
};

function call(mod: Module, name: string): unknown {
  const f = mod[name];
  if (typeof f !== 'function') throw new Error(`the installed package has no ${name}() (version mismatch?)`);
  return (f as Factory)();
}

/** Records held while the exporter loads (it takes a few milliseconds; this bounds a pathological start). */
const PENDING_MAX = 10_000;

export interface RemoteDestinationStats {
  readonly name: RemoteExporterName;
  readonly state: 'loading' | 'ready' | 'failed';
  /** Records dropped because the exporter could not start, or while loading beyond the bound. */
  readonly dropped: number;
}

class RemoteDestination implements Destination {
  private target: Destination | undefined;
  private failed = false;
  private pending: LogEntry[] | undefined = [];
  private dropped = 0;
  private readonly ready: Promise<void>;

  constructor(readonly name: RemoteExporterName, load: (pkg: string) => Promise<Module>) {
    const loader = LOADERS[name];
    this.ready = load(loader.pkg).then(
      (mod) => {
        try {
          this.target = loader.build(mod);
        } catch (e) {
          this.fail(e, true);
          return;
        }
        const held = this.pending ?? [];
        this.pending = undefined;
        for (const entry of held) this.target.write(entry);
      },
      (e: unknown) => this.fail(e, false),
    );
  }

  private fail(e: unknown, refused: boolean): void {
    this.failed = true;
    const held = this.pending?.length ?? 0;
    this.pending = undefined;
    this.dropped += held;
    const code = (e as { code?: unknown } | null)?.code;
    const what = e instanceof Error ? e.message : String(e);
    if (refused) {
      // A guard (TLS, data residency) or a configuration error: the exporter's own MeridianError says what and why.
      diagnose(typeof code === 'string' && code.startsWith('MERIDIAN_ERR_') ? code : ERR_EXPORTER_REFUSED,
        `log exporter "${this.name}" did not start: ${what.replace(/^MERIDIAN_ERR_[A-Z_]+: /, '')}; its records are dropped and counted`);
    } else {
      diagnose(ERR_EXPORTER_UNAVAILABLE, `log exporter "${this.name}" is selected in MERIDIAN_LOG_EXPORTERS but ${LOADERS[this.name].pkg} could not be loaded (${what}); `
        + `accepted: install ${LOADERS[this.name].pkg} next to @meridian/logger; its records are dropped and counted`);
    }
  }

  write(entry: LogEntry): void {
    const t = this.target;
    if (t !== undefined) return t.write(entry);
    const p = this.pending;
    if (p !== undefined && p.length < PENDING_MAX) p.push(entry);
    else this.dropped++;
  }

  async flush(): Promise<void> {
    await this.ready;
    if (this.target !== undefined) await this.target.flush();
  }

  async close(): Promise<void> {
    await this.ready;
    if (this.target !== undefined) await this.target.close();
  }

  flushSync(): void {
    if (this.target !== undefined) {
      this.target.flushSync?.();
      return;
    }
    // Still loading at exit: the held records cannot be sent (counted once, then forgotten).
    this.dropped += this.pending?.length ?? 0;
    if (this.pending !== undefined) this.pending = [];
  }

  stats(): RemoteDestinationStats {
    return { name: this.name, state: this.target !== undefined ? 'ready' : this.failed ? 'failed' : 'loading', dropped: this.dropped };
  }

  /** The transport behind it, once loaded (its getStats() has the delivery counters). */
  get transport(): Destination | undefined {
    return this.target;
  }
}

const importPackage = (pkg: string): Promise<Module> => import(pkg) as Promise<Module>;

/** A destination for one network exporter, loaded from its package in the background. */
export function createRemoteDestination(name: RemoteExporterName, load: (pkg: string) => Promise<Module> = importPackage): Destination & { stats(): RemoteDestinationStats } {
  return new RemoteDestination(name, load);
}
