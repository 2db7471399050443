/**
 * The `pretty` stdout format: one human-readable line per record, for development.
 *   2026-11-21T05:30:00.123Z INFO  checkout: message key=value trace=4bf92f35…
 * Timestamps stay UTC. Values that are not simple words are JSON-quoted, so the line never breaks.
 */
const COLOURS: Readonly<Record<string, string>> = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
  fatal: '\x1b[35m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const SIMPLE = /^[\w.:/@+-]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what this escapes in pretty output
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;
const FIRST_FRAME = /\n\s*(at [^\n]+)/;
const SKIP = new Set(['timestamp', 'level', 'message', 'service', 'trace_id', 'span_id', 'trace_flags']);

function escapeControl(c: string): string {
  return c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}

interface ErrorJson {
  type?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  cause?: unknown;
}

function isErrorJson(v: unknown): v is ErrorJson {
  return typeof v === 'object' && v !== null && typeof (v as ErrorJson).type === 'string' && 'message' in v;
}

/** `Type: message (code) at <first frame> <- Cause: message …` — the stack stays in the JSON format. */
function showError(e: ErrorJson): string {
  let out = '';
  let cur: unknown = e;
  for (let i = 0; i < 6 && isErrorJson(cur); i++) {
    if (i > 0) out += ' <- ';
    out += `${String(cur.type)}: ${String(cur.message)}`;
    if (cur.code !== undefined) out += ` (${String(cur.code)})`;
    if (i === 0 && typeof cur.stack === 'string') {
      const frame = FIRST_FRAME.exec(cur.stack);
      if (frame !== null) out += ` ${frame[1]}`;
    }
    cur = cur.cause;
  }
  if (typeof cur === 'string') out += ` <- ${cur}`;
  return JSON.stringify(out).replace(CONTROL, escapeControl);
}

function show(value: unknown): string {
  if (isErrorJson(value)) return showError(value);
  if (typeof value === 'string') return SIMPLE.test(value) ? value : JSON.stringify(value).replace(CONTROL, escapeControl);
  return (JSON.stringify(value) ?? 'null').replace(CONTROL, escapeControl);
}

export function formatPretty(line: string, colour: boolean): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = String(rec.level);
  const levelText = level.toUpperCase().padEnd(5);
  const message = String(rec.message ?? '').replace(CONTROL, escapeControl);
  let out = `${String(rec.timestamp)} ${colour ? (COLOURS[level] ?? '') + levelText + RESET : levelText} ${String(rec.service)}: ${message}`;
  for (const key of Object.keys(rec)) {
    if (SKIP.has(key)) continue;
    out += ' ' + (colour ? DIM + key + '=' + RESET : key + '=') + show(rec[key]);
  }
  if (typeof rec.trace_id === 'string') out += ` trace=${rec.trace_id.slice(0, 8)}… span=${String(rec.span_id)}`;
  return out;
}
