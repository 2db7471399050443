/**
 * Starting and stopping the two services as child processes. Every child is tracked from the moment
 * it is spawned, so whatever ends the run — success, a failed check, an exception, Ctrl-C — stops it.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServiceSpec {
  /** OTEL_SERVICE_NAME and the name in messages. */
  readonly name: string;
  /** Compiled entry point, relative to `cwd`. */
  readonly entry: string;
  /** Directory the service runs in: `@meridian/node/register` is resolved from there. */
  readonly cwd: string;
  /** The environment of the child (the runner's own OTEL_* / MERIDIAN_* are not passed on). */
  readonly env: Record<string, string>;
}

export interface RunningService {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** How the child ended, once it has. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the child wrote on stdout and stderr (kept short). */
  output(): string;
}

const OUTPUT_KEEP = 16 * 1024;

/** Environment variables of the runner that must not leak into the services' configuration. */
function baseEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('OTEL_') || k.startsWith('MERIDIAN_') || k === 'NODE_OPTIONS') continue;
    out[k] = v;
  }
  return out;
}

export class ServiceGroup {
  /** Children not yet exited, with the promise of their exit. */
  private readonly children = new Map<ChildProcess, Promise<unknown>>();
  private readonly onExit = (): void => this.killNow();

  constructor() {
    // The last resort: the runner exits (process.exit, an uncaught exception) with children still up.
    process.on('exit', this.onExit);
  }

  /** Spawn one service and wait until it reports its port (or fails to start within `timeoutMs`). */
  async start(spec: ServiceSpec, timeoutMs: number): Promise<RunningService> {
    const child = spawn(process.execPath, ['--import', '@meridian/node/register', spec.entry], {
      cwd: spec.cwd,
      env: { ...baseEnv(), ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    const keep = (d: string): void => {
      output = (output + d).slice(-OUTPUT_KEEP);
    };
    child.stdout!.setEncoding('utf8').on('data', keep);
    child.stderr!.setEncoding('utf8').on('data', keep);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const gone = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.children.delete(child);
        resolve({ code, signal });
      };
      child.once('exit', gone);
      // Reported by the start-up wait below; a child that never spawned emits no 'exit'.
      child.on('error', () => {
        if (child.pid === undefined) gone(null, null);
      });
    });
    this.children.set(child, exited);

    const port = await new Promise<number>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onEarlyExit);
        child.off('error', onError);
      };
      const onMessage = (m: unknown): void => {
        const p = (m as { port?: unknown } | null)?.port;
        if (typeof p !== 'number') return;
        done();
        resolve(p);
      };
      const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        reject(new Error(`${spec.name} exited during start-up (${signal ?? `code ${code}`}); its output:\n${indent(output)}`));
      };
      const onError = (e: Error): void => {
        done();
        reject(new Error(`${spec.name} could not be started: ${e.message}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${spec.name} did not report its port within ${timeoutMs} ms; its output:\n${indent(output)}`));
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onEarlyExit);
      child.on('error', onError);
    });
    return { name: spec.name, port, url: `http://127.0.0.1:${port}`, child, exited, output: () => output };
  }

  /**
   * SIGTERM every child (Meridian flushes logs and spans, then the process dies of the signal) and
   * wait for them; SIGKILL whoever is still there after `graceMs`.
   */
  async stopAll(graceMs: number): Promise<void> {
    const alive = [...this.children.keys()];
    const gone = [...this.children.values()];
    for (const c of alive) c.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    if ((await Promise.race([Promise.all(gone), late])) === 'late') this.killNow();
    clearTimeout(timer);
    await Promise.all(gone);
  }

  /** SIGKILL every child still running; synchronous, usable in an 'exit' handler. */
  killNow(): void {
    for (const c of this.children.keys()) {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
  }

  /** Stop tracking process exit (the group is done). */
  dispose(): void {
    this.killNow();
    process.off('exit', this.onExit);
  }
}

function indent(text: string): string {
  const lines = text.trimEnd().split('\n').slice(-20);
  return lines.length === 1 && lines[0] === '' ? '    (nothing)' : lines.map((l) => `    ${l}`).join('\n');
}
