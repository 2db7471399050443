/**
 * One process 'exit' listener for every live logger: gives each destination its last-chance
 * synchronous write. Loggers leave the set when closed.
 */
import type { Destination } from './destination.js';

const live = new Set<readonly Destination[]>();
let installed = false;

function onExit(): void {
  for (const list of live) {
    for (const d of list) {
      try {
        d.flushSync?.();
      } catch {
        // exiting: nothing left to do with the failure
      }
    }
  }
}

export function registerForExit(destinations: readonly Destination[]): void {
  live.add(destinations);
  if (!installed) {
    installed = true;
    process.on('exit', onExit);
  }
}

export function unregisterForExit(destinations: readonly Destination[]): void {
  live.delete(destinations);
}
