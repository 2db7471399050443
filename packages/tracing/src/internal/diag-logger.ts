import { DiagLogLevel, diag, type DiagLogger } from '@opentelemetry/api';
import type { OtelLogLevel } from '@meridian/config';

const LEVELS: Record<OtelLogLevel, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

function line(level: string, message: string, args: unknown[]): void {
  let text = `meridian: otel ${level}: ${message}`;
  for (const a of args) {
    try {
      text += ' ' + (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a));
    } catch {
      text += ' [unserialisable]';
    }
  }
  try {
    process.stderr.write(text + '\n');
  } catch {
    // stderr closed
  }
}

/**
 * Samplers Meridian builds itself from OTEL_TRACES_SAMPLER. The SDK's provider still reads that
 * variable for its own defaults (even when given a sampler) and reports these names as invalid,
 * "defaulting to parentbased_always_on" — untrue, since the sampler Meridian passes wins: that
 * one message is not shown.
 */
const OWN_SAMPLERS = new Set(['meridian_adaptive']);
const SAMPLER_COMPLAINT = /^OTEL_TRACES_SAMPLER value "([^"]*)" invalid/;

function misleading(message: string): boolean {
  const m = SAMPLER_COMPLAINT.exec(message);
  return m !== null && OWN_SAMPLERS.has(m[1].trim().toLowerCase());
}

/**
 * The OpenTelemetry SDK's own diagnostics go to **stderr** (never stdout, which may carry the
 * application's JSON log lines), one line each, prefixed `meridian: otel <level>:`.
 */
const stderrLogger: DiagLogger = {
  error: (m, ...a) => {
    if (!misleading(m)) line('error', m, a);
  },
  warn: (m, ...a) => line('warn', m, a),
  info: (m, ...a) => line('info', m, a),
  debug: (m, ...a) => line('debug', m, a),
  verbose: (m, ...a) => line('verbose', m, a),
};

/** Apply `OTEL_LOG_LEVEL`. `none` leaves the API's silent default in place. */
export function setupDiagLogger(level: OtelLogLevel): void {
  if (level === 'none') return;
  diag.setLogger(stderrLogger, { logLevel: LEVELS[level], suppressOverrideMessage: true });
}
