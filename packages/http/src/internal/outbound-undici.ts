import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context } from '@opentelemetry/api';
import { ClientCall, clientAttributes, endCall, injectHeaders, outboundCounters, shouldTrace, startClientSpan } from './client-span.js';

/**
 * Global `fetch` (the undici bundled with Node) and the `undici` package publish on the same channels:
 * `undici:request:create` fires in the caller's async context before the request is written, and its
 * `request.addHeader()` adds headers — no patching needed on Node 20 or 24.
 */
interface UndiciRequest {
  origin: string | URL;
  method: string;
  path: string;
  headers: string[] | string;
  addHeader(name: string, value: string): unknown;
}

const calls = new WeakMap<object, ClientCall>();

function hasTraceparent(headers: string[] | string): boolean {
  if (typeof headers === 'string') return headers.toLowerCase().includes('traceparent:');
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (typeof name === 'string' && name.length === 11 && name.toLowerCase() === 'traceparent') return true;
  }
  return false;
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function onCreate(message: unknown): void {
  try {
    const request = (message as { request: UndiciRequest }).request;
    const origin = String(request.origin);
    const full = origin + request.path;
    const parent = context.active();
    if (!shouldTrace(parent, full)) return;
    if (hasTraceparent(request.headers)) {
      // Someone (the caller, another instrumentation) already propagates: never double-inject.
      outboundCounters.skipped++;
      return;
    }
    const url = new URL(origin);
    const method = request.method;
    const { span, ctx } = startClientSpan(parent, method, clientAttributes(method, full, url.hostname, portOf(url)));
    calls.set(request, new ClientCall(span));
    const headers = injectHeaders(ctx);
    for (const name in headers) request.addHeader(name, headers[name]);
  } catch {
    outboundCounters.internalErrors++;
  }
}

function onHeaders(message: unknown): void {
  const { request, response } = message as { request: object; response: { statusCode: number } };
  const call = calls.get(request);
  if (call !== undefined) call.status = response.statusCode;
}

function onTrailers(message: unknown): void {
  const request = (message as { request: object }).request;
  const call = calls.get(request);
  if (call === undefined) return;
  calls.delete(request);
  endCall(call);
}

function onError(message: unknown): void {
  const { request, error } = message as { request: object; error: unknown };
  const call = calls.get(request);
  if (call === undefined) return;
  calls.delete(request);
  call.error = error;
  endCall(call);
}

export function subscribeUndici(): void {
  subscribe('undici:request:create', onCreate);
  subscribe('undici:request:headers', onHeaders);
  subscribe('undici:request:trailers', onTrailers);
  subscribe('undici:request:error', onError);
}

export function unsubscribeUndici(): void {
  unsubscribe('undici:request:create', onCreate);
  unsubscribe('undici:request:headers', onHeaders);
  unsubscribe('undici:request:trailers', onTrailers);
  unsubscribe('undici:request:error', onError);
}
