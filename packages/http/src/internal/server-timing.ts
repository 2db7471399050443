import type { SpanContext } from '@opentelemetry/api';
import type { ServerResponse } from 'node:http';

/** `trace;desc=00-<trace-id>-<span-id>-<flags>`: lets a browser or client read the trace id of its response. */
export function serverTimingValue(sc: SpanContext): string {
  const flags = sc.traceFlags & 0xff;
  return 'trace;desc=00-' + sc.traceId + '-' + sc.spanId + (flags < 16 ? '-0' : '-') + flags.toString(16);
}

/** Add our entry to the response, keeping any server-timing entries already set (comma-joined, RFC 9110 list). */
export function appendServerTiming(res: ServerResponse, value: string): void {
  try {
    const existing = res.getHeader('server-timing');
    if (existing === undefined || existing === '') {
      res.setHeader('server-timing', value);
    } else {
      const prior = Array.isArray(existing) ? existing.join(', ') : String(existing);
      res.setHeader('server-timing', prior + ', ' + value);
    }
  } catch {
    // headers already sent by an earlier middleware: the response goes without server-timing
  }
}
