import { type Env, readInt } from '../internal/parsers.js';

export interface RuntimeConfig {
  /** Deadline for flushing spans and logs on SIGTERM/SIGINT/beforeExit. */
  shutdownTimeoutMs: number;
}

export function readRuntime(env: Env): RuntimeConfig {
  return {
    shutdownTimeoutMs: readInt(env, 'MERIDIAN_SHUTDOWN_TIMEOUT_MS', 5000, 0, 600_000),
  };
}
