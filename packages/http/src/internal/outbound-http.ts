import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { splitHost } from './attributes.js';
import { context } from '@opentelemetry/api';
import { ClientCall, clientAttributes, endCall, injectHeaders, outboundCounters, shouldTrace, startClientSpan } from './client-span.js';

/**
 * node:http / node:https client requests.
 * - Node with `http.client.request.created` (23.2+, 22.12+; detected by a probe, not by version): that
 *   channel fires in the ClientRequest constructor, before any header is written, so `setHeader` works.
 *   Nothing is patched.
 * - Older Node (20.x): `http.client.request.start` fires only after the headers are flushed (setHeader
 *   throws ERR_HTTP_HEADERS_SENT there — measured on 20.20), so `http.request`, `http.get`,
 *   `https.request` and `https.get` are wrapped (and the ESM named exports re-synced). `get` is
 *   re-implemented as `request()` + `end()`, as Node does, because the original ends the request
 *   (flushing the headers) before returning.
 * Both: status from `http.client.response.finish`, errors from `http.client.request.error`, span ended
 * on the request's `close` (after the response body, or after the error).
 */
const calls = new WeakMap<object, ClientCall>();

function onRequestClose(this: ClientRequest): void {
  const call = calls.get(this);
  if (call === undefined) return;
  calls.delete(this);
  const res = (this as { res?: { statusCode?: number } | null }).res;
  if (call.status === 0 && res !== null && res !== undefined) call.status = res.statusCode ?? 0;
  endCall(call);
}

/** Start a CLIENT span for `req` and inject the context into its headers. Never throws. */
export function instrumentClientRequest(req: ClientRequest): void {
  try {
    if (calls.has(req) || req.headersSent) return;
    const protocol = req.protocol || 'http:';
    const hostHeader = req.getHeader('host');
    const host = typeof hostHeader === 'string' ? hostHeader : req.host;
    const full = protocol + '//' + host + req.path;
    const parent = context.active();
    if (!shouldTrace(parent, full)) return;
    if (req.getHeader('traceparent') !== undefined) {
      outboundCounters.skipped++;
      return;
    }
    const { name, port } = splitHost(host, protocol === 'https:' ? 443 : 80);
    const method = req.method;
    const { span, ctx } = startClientSpan(parent, method, clientAttributes(method, full, name, port));
    calls.set(req, new ClientCall(span));
    req.on('close', onRequestClose);
    const headers = injectHeaders(ctx);
    try {
      for (const key in headers) req.setHeader(key, headers[key]);
    } catch {
      outboundCounters.injectFailures++;
    }
  } catch {
    outboundCounters.internalErrors++;
  }
}

function onCreated(message: unknown): void {
  instrumentClientRequest((message as { request: ClientRequest }).request);
}

function onResponse(message: unknown): void {
  const { request, response } = message as { request: object; response: { statusCode?: number } };
  const call = calls.get(request);
  if (call !== undefined) call.status = response.statusCode ?? 0;
}

function onRequestError(message: unknown): void {
  const { request, error } = message as { request: object; error: unknown };
  const call = calls.get(request);
  if (call !== undefined && call.error === undefined) call.error = error;
}

/** True when this Node publishes `http.client.request.created` (probe with a request that never connects). */
export function hasCreatedChannel(): boolean {
  let fired = false;
  const probe = (): void => {
    fired = true;
  };
  subscribe('http.client.request.created', probe);
  try {
    const agent = { addRequest(): void {}, protocol: 'http:', defaultPort: 80 } as unknown as http.Agent;
    const req = new http.ClientRequest({ agent, host: '127.0.0.1', port: 9, protocol: 'http:' });
    req.on('error', () => {});
    req.destroy();
  } catch {
    fired = false;
  } finally {
    unsubscribe('http.client.request.created', probe);
  }
  return fired;
}

type RequestFn = typeof http.request;
interface Patched {
  mod: typeof http | typeof https;
  request: RequestFn;
  get: RequestFn;
}
let patched: Patched[] = [];

function wrap(mod: typeof http | typeof https): Patched {
  const original = { mod, request: mod.request, get: mod.get };
  const request = function meridianRequest(this: unknown, ...args: unknown[]): ClientRequest {
    const req = (original.request as (...a: unknown[]) => ClientRequest).apply(this, args);
    instrumentClientRequest(req);
    return req;
  };
  const get = function meridianGet(this: unknown, ...args: unknown[]): ClientRequest {
    const req = (request as (...a: unknown[]) => ClientRequest).apply(this, args);
    req.end();
    return req;
  };
  mod.request = request as RequestFn;
  mod.get = get as RequestFn;
  return original;
}

export type HttpClientMode = 'diagnostics_channel' | 'patched';

export function installHttpClient(): HttpClientMode {
  subscribe('http.client.response.finish', onResponse);
  subscribe('http.client.request.error', onRequestError);
  if (hasCreatedChannel()) {
    subscribe('http.client.request.created', onCreated);
    return 'diagnostics_channel';
  }
  patched = [wrap(http), wrap(https)];
  syncBuiltinESMExports();
  return 'patched';
}

export function uninstallHttpClient(): void {
  unsubscribe('http.client.response.finish', onResponse);
  unsubscribe('http.client.request.error', onRequestError);
  unsubscribe('http.client.request.created', onCreated);
  for (const p of patched) {
    p.mod.request = p.request;
    p.mod.get = p.get;
  }
  if (patched.length > 0) syncBuiltinESMExports();
  patched = [];
}
