/**
 * `,"trace_id":…,"span_id":…,"trace_flags":"01"` for the span active in the OpenTelemetry context.
 * A one-entry cache keyed by the span context object: the SDK returns the same object for every
 * call on a span, so a request's ids are formatted once, not per record.
 */
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
let lastContext;
let lastFlags = -1;
let lastText = '';
export function traceFields() {
    const span = trace.getSpan(context.active());
    if (span === undefined)
        return '';
    let sc;
    try {
        sc = span.spanContext();
    }
    catch {
        return '';
    }
    if (sc === lastContext && sc.traceFlags === lastFlags)
        return lastText;
    const text = isSpanContextValid(sc)
        ? `,"trace_id":"${sc.traceId.toLowerCase()}","span_id":"${sc.spanId.toLowerCase()}","trace_flags":"${hex2(sc.traceFlags)}"`
        : '';
    lastContext = sc;
    lastFlags = sc.traceFlags;
    lastText = text;
    return text;
}
function hex2(flags) {
    const n = (flags >>> 0) & 0xff;
    return (n < 16 ? '0' : '') + n.toString(16);
}
//# sourceMappingURL=trace-fields.js.map