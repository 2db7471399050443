/**
 * One process 'exit' listener for every live logger: gives each destination its last-chance
 * synchronous write. Loggers leave the set when closed. Destinations are held weakly: one nobody
 * references any more is not kept alive by this registry, and one that still holds data stays
 * reachable through its own scheduled write, so it is still found here at exit.
 */
import type { Destination } from './destination.js';

/** One weak reference per destination: a destination that still holds data keeps itself reachable. */
export type ExitToken = ReadonlyArray<WeakRef<Destination>>;

const live = new Set<ExitToken>();
let installed = false;

function onExit(): void {
  for (const token of live) {
    for (const ref of token) {
      const d = ref.deref();
      if (d === undefined) continue;
      try {
        d.flushSync?.();
      } catch {
        // exiting: nothing left to do with the failure
      }
    }
  }
}

export function registerForExit(destinations: readonly Destination[]): ExitToken {
  const token = destinations.map((d) => new WeakRef(d));
  // Drop tokens whose destinations were all collected, so the set stays as small as the live loggers.
  if (live.size >= 64) for (const t of live) if (t.every((r) => r.deref() === undefined)) live.delete(t);
  live.add(token);
  if (!installed) {
    installed = true;
    process.on('exit', onExit);
  }
  return token;
}

export function unregisterForExit(token: ExitToken | undefined): void {
  if (token !== undefined) live.delete(token);
}
