/**
 * The only link between a service and the demo runner that started it (nothing here is telemetry).
 * Started by hand (no IPC channel), it does nothing.
 */

const startedByRunner = typeof process.send === 'function';

if (startedByRunner) {
  // The runner died without stopping us (e.g. SIGKILL): stop the way a deployment would, with
  // SIGTERM, which @meridian/node/register answers by flushing (bounded) and exiting.
  const leave = (): void => {
    process.kill(process.pid, 'SIGTERM');
  };
  if (process.connected) process.once('disconnect', leave);
  else leave();
}

/** Tell the runner which port we got. */
export function announce(service: string, port: number): void {
  if (startedByRunner && process.connected) process.send!({ service, port });
}
