/**
 * SIGTERM / SIGINT / beforeExit / exit handling. Rules (see README):
 * - signal, and the application has no listener of its own for it: shut down (flush logs and spans,
 *   stop tracing) within the deadline, then remove our listener and re-raise the signal, so the
 *   process ends the conventional way (exit status 128+n: 143 for SIGTERM, 130 for SIGINT).
 *   The same signal again while flushing re-raises at once (a second Ctrl-C is not swallowed).
 * - signal, and the application has its own listener: flush (tracing keeps running, so a graceful
 *   drain is still traced) and do not exit — the application decides.
 * - beforeExit: shut down once (the flush schedules work, after which beforeExit fires again; we
 *   have removed ourselves by then). If the deadline passes, exit with the current exit code rather
 *   than wait for a hung exporter.
 * - exit: synchronous last chance for the logger (`flushSync`, when it has one).
 */
export interface HookTargets {
  shutdown(): Promise<'done' | 'timeout'>;
  flush(): Promise<void>;
  flushSync(): void;
}

type Signal = 'SIGTERM' | 'SIGINT';
const SIGNALS: readonly Signal[] = ['SIGTERM', 'SIGINT'];

interface Installed {
  targets: HookTargets;
  signal: Record<Signal, () => void>;
  beforeExit: () => void;
  exit: () => void;
}

let installed: Installed | undefined;
const handling = new Set<Signal>();

function reraise(signal: Signal): void {
  if (installed !== undefined) process.removeListener(signal, installed.signal[signal]);
  try {
    process.kill(process.pid, signal);
  } catch {
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  }
}

function onSignal(signal: Signal): void {
  const hooks = installed;
  if (hooks === undefined) return;
  const ours = hooks.signal[signal];
  const appListeners = process.listeners(signal).filter((l) => l !== ours).length;
  if (appListeners > 0) {
    void hooks.targets.flush();
    return;
  }
  if (handling.has(signal)) {
    reraise(signal);
    return;
  }
  handling.add(signal);
  hooks.targets.shutdown().then(
    () => reraise(signal),
    () => reraise(signal),
  );
}

export function installProcessHooks(targets: HookTargets): void {
  if (installed !== undefined) return;
  const hooks: Installed = {
    targets,
    signal: { SIGTERM: () => onSignal('SIGTERM'), SIGINT: () => onSignal('SIGINT') },
    beforeExit: () => {
      process.removeListener('beforeExit', hooks.beforeExit);
      targets.shutdown().then(
        (r) => {
          if (r === 'timeout') process.exit();
        },
        () => undefined,
      );
    },
    exit: () => {
      try {
        targets.flushSync();
      } catch {
        // exiting
      }
    },
  };
  installed = hooks;
  for (const s of SIGNALS) process.on(s, hooks.signal[s]);
  process.on('beforeExit', hooks.beforeExit);
  process.on('exit', hooks.exit);
}

/** Remove the signal and beforeExit listeners (the exit listener stays: it is synchronous and harmless). */
export function removeProcessHooks(): void {
  const hooks = installed;
  if (hooks === undefined) return;
  for (const s of SIGNALS) {
    // a signal being handled re-raises after shutdown; its listener is removed there
    if (!handling.has(s)) process.removeListener(s, hooks.signal[s]);
  }
  process.removeListener('beforeExit', hooks.beforeExit);
}
