import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a child process writes, collected as it comes (read the fields at any time). */
export interface CollectedOutput {
  stdout: string;
  stderr: string;
}

/** Collect a spawned child's stdout and stderr (spawned with `stdio: [.., 'pipe', 'pipe']`) as UTF-8 text. */
export function collectOutput(child: ChildProcess): CollectedOutput {
  const out: CollectedOutput = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out.stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out.stderr += d;
  });
  return out;
}

/** A port nothing listens on: bound on 127.0.0.1, then released (a "collector that is down"). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
