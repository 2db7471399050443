import { SpanKind, SpanStatusCode, propagation, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { isSuppressed } from './suppress.js';

/** Counters of the outbound instrumentation (read with `outboundStats()`). */
export const outboundCounters = {
  /** CLIENT spans started. */
  spans: 0,
  /** Requests left alone: tracing suppressed (exporters), excluded URL, or already carrying traceparent. */
  skipped: 0,
  /** Header injections that failed (headers already sent, frozen headers). */
  injectFailures: 0,
  /** Errors caught inside Meridian's hooks (never thrown into the caller). */
  internalErrors: 0,
};

export interface OutboundSettings {
  tracerName: string;
  /** URL prefixes never traced nor injected (the OTLP endpoint, by default). */
  excludePrefixes: string[];
}

export const settings: OutboundSettings = { tracerName: '@meridian/http', excludePrefixes: [] };

export function isExcluded(url: string): boolean {
  const list = settings.excludePrefixes;
  for (let i = 0; i < list.length; i++) if (url.startsWith(list[i])) return true;
  return false;
}

/** Whether an outbound request made now should be traced (context not suppressed, URL not excluded). */
export function shouldTrace(ctx: Context, url: string): boolean {
  if (isSuppressed(ctx) || isExcluded(url)) {
    outboundCounters.skipped++;
    return false;
  }
  return true;
}

export function clientAttributes(method: string, url: string, host: string, port: number): Attributes {
  return {
    'http.request.method': method,
    'url.full': url,
    'server.address': host,
    'server.port': port,
  };
}

/** Start a CLIENT span under `parent` and return the context to inject from. */
export function startClientSpan(parent: Context, method: string, attrs: Attributes): { span: Span; ctx: Context } {
  const span = trace.getTracer(settings.tracerName).startSpan(method, { kind: SpanKind.CLIENT, attributes: attrs }, parent);
  outboundCounters.spans++;
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Injects into a plain object; the caller copies the fields onto the request. */
export function injectHeaders(ctx: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** One outbound request in flight (fixed shape). */
export class ClientCall {
  status = 0;
  error: unknown = undefined;
  constructor(readonly span: Span) {}
}

/** End the CLIENT span of a call: error if one was seen, else the response status, else "no response". */
export function endCall(call: ClientCall): void {
  try {
    if (call.error !== undefined) endWithError(call.span, call.error);
    else if (call.status > 0) endWithStatus(call.span, call.status);
    else {
      call.span.setAttribute('error.type', 'no_response');
      call.span.setStatus({ code: SpanStatusCode.ERROR, message: 'request closed before a response' });
      call.span.end();
    }
  } catch {
    outboundCounters.internalErrors++;
  }
}

export function endWithStatus(span: Span, status: number): void {
  span.setAttribute('http.response.status_code', status);
  if (status >= 400) {
    span.setAttribute('error.type', String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

export function endWithError(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setAttribute('error.type', (err as { code?: unknown }).code !== undefined ? String((err as { code?: unknown }).code) : err.name);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  span.end();
}
