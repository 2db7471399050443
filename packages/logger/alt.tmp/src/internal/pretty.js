/**
 * The `pretty` stdout format: one human-readable line per record, for development.
 *   2026-11-21T05:30:00.123Z INFO  checkout: message key=value trace=4bf92f35…
 * Timestamps stay UTC. Values that are not simple words are JSON-quoted, so the line never breaks.
 */
const COLOURS = {
    trace: '\x1b[90m', debug: '\x1b[36m', info: '\x1b[32m', warn: '\x1b[33m', error: '\x1b[31m', fatal: '\x1b[35m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const SIMPLE = /^[\w.:/@+-]+$/;
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;
const SKIP = new Set(['timestamp', 'level', 'message', 'service', 'trace_id', 'span_id', 'trace_flags']);
function escapeControl(c) {
    return c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}
function show(value) {
    if (typeof value === 'string')
        return SIMPLE.test(value) ? value : JSON.stringify(value).replace(CONTROL, escapeControl);
    return (JSON.stringify(value) ?? 'null').replace(CONTROL, escapeControl);
}
export function formatPretty(line, colour) {
    let rec;
    try {
        rec = JSON.parse(line);
    }
    catch {
        return line;
    }
    const level = String(rec.level);
    const levelText = level.toUpperCase().padEnd(5);
    const message = String(rec.message ?? '').replace(CONTROL, escapeControl);
    let out = `${String(rec.timestamp)} ${colour ? (COLOURS[level] ?? '') + levelText + RESET : levelText} ${String(rec.service)}: ${message}`;
    for (const key of Object.keys(rec)) {
        if (SKIP.has(key))
            continue;
        out += ' ' + (colour ? DIM + key + '=' + RESET : key + '=') + show(rec[key]);
    }
    if (typeof rec.trace_id === 'string')
        out += ` trace=${rec.trace_id.slice(0, 8)}… span=${String(rec.span_id)}`;
    return out;
}
//# sourceMappingURL=pretty.js.map