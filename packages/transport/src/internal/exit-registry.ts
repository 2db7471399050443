/**
 * One process 'exit' listener for every live stage that holds records: at exit each gets its
 * last-chance synchronous write (`flushSync`: a transport spools what is in memory, or counts it as
 * lost and says so). Held weakly: a stage nobody references is not kept alive by this registry, and
 * one that still holds records stays reachable through its own scheduled work, so it is found here.
 */
interface ExitParticipant {
  flushSync?(): void;
}

const live = new Set<WeakRef<ExitParticipant>>();
let installed = false;

function onExit(): void {
  for (const ref of live) {
    const p = ref.deref();
    if (p === undefined) continue;
    try {
      p.flushSync?.();
    } catch {
      // exiting: nothing left to do with the failure
    }
  }
}

/** Give `p` a synchronous last write at process exit until `unregisterForExit(token)`. */
export function registerForExit(p: ExitParticipant): WeakRef<ExitParticipant> {
  // Forget participants that were collected, so the set stays as small as the live ones.
  if (live.size >= 64) for (const r of live) if (r.deref() === undefined) live.delete(r);
  const ref = new WeakRef(p);
  live.add(ref);
  if (!installed) {
    installed = true;
    process.on('exit', onExit);
  }
  return ref;
}

export function unregisterForExit(token: WeakRef<ExitParticipant> | undefined): void {
  if (token !== undefined) live.delete(token);
}
