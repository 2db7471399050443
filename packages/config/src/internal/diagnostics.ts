/**
 * One clear line on stderr per configuration problem, printed once per process
 * for a given variable and value. Never throws.
 */
export type DiagnosticSink = (line: string) => void;

const printed = new Set<string>();

let sink: DiagnosticSink = (line) => {
  try {
    process.stderr.write(line + '\n');
  } catch {
    // stderr closed: nothing sensible left to do
  }
};

/** Replace where diagnostics go (tests, or a host that routes them elsewhere). Returns the previous sink. */
export function setDiagnosticSink(next: DiagnosticSink): DiagnosticSink {
  const prev = sink;
  sink = next;
  return prev;
}

/** Forget which diagnostics were printed, so the next identical one prints again (tests). */
export function resetDiagnostics(): void {
  printed.clear();
}

/** What `collectDiagnostics()` returns: the lines collected so far, and `stop()` to restore the sink. */
export interface DiagnosticCollector {
  readonly lines: string[];
  stop(): void;
}

/**
 * Collect diagnostics into `lines` instead of the current sink until `stop()` (tests, or a host
 * checking its own start-up). The once-per-process memory is cleared when collecting starts, so
 * every problem met while collecting is seen, and again at `stop()`, so what was collected is not
 * kept from the sink restored afterwards.
 */
export function collectDiagnostics(): DiagnosticCollector {
  const lines: string[] = [];
  resetDiagnostics();
  const prev = setDiagnosticSink((line) => lines.push(line));
  return {
    lines,
    stop: () => {
      setDiagnosticSink(prev);
      resetDiagnostics();
    },
  };
}

/** `collectDiagnostics()` around a synchronous `fn`: its result and the diagnostics it printed. */
export function captureDiagnostics<T>(fn: () => T): { value: T; lines: string[] } {
  const c = collectDiagnostics();
  try {
    return { value: fn(), lines: c.lines };
  } finally {
    c.stop();
  }
}

/**
 * Report a problem once. `code` is a stable MERIDIAN_ERR_* code users can search for.
 */
export function diagnose(code: string, message: string): void {
  const line = `meridian: ${code}: ${message}`;
  if (printed.has(line)) return;
  printed.add(line);
  sink(line);
}

/** Render a raw environment value for a diagnostic: quoted, control characters escaped, bounded. */
export function showValue(value: string): string {
  const shown = value.length > 80 ? value.slice(0, 80) + '…' : value;
  return JSON.stringify(shown);
}
