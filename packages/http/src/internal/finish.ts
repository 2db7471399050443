import { SpanStatusCode, context, type Context } from '@opentelemetry/api';
import { getRequestScopeFrom } from '@meridian/context';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestScope } from './request-scope.js';
import { scopeOfResponse } from './request-scope.js';
import { serverAddressOf } from './attributes.js';

/** @meridian/logger's internal entry point for writing a record in a given context (see its logger.ts). */
const WRITE_IN_CONTEXT = Symbol.for('meridian.logger.writeInContext');

interface ContextWriter {
  [WRITE_IN_CONTEXT](ctx: Context, level: 'info' | 'warn' | 'error', message: string, fields: object): void;
}

/** Span attribute set when the client went away before the response was complete. */
export const ABORTED_ATTRIBUTE = 'meridian.http.aborted';
/** Access-log status for a request whose client disconnected before the response was sent (nginx convention). */
export const ABORTED_STATUS = 499;

export function onResponseClose(this: ServerResponse): void {
  const scope = scopeOfResponse(this);
  if (scope !== undefined) finishRequest(scope, this.writableFinished ? 'finish' : 'close');
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.constructor?.name || error.name || 'Error';
  return typeof error;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unprintable error';
  }
}

function responseBytes(scope: RequestScope): number {
  const header = scope.res.getHeader('content-length');
  if (header !== undefined) {
    const n = typeof header === 'number' ? header : Number(header);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return scope.bytes;
}

/** Name and end the span, write the access-log line. Runs once per request; never throws. */
export function finishRequest(scope: RequestScope, how: 'finish' | 'close'): void {
  if (scope.done) return;
  scope.done = true;
  try {
    // Meridian's logger takes the request's context as an argument: nothing else here reads the
    // active context, so the request's context is not entered again (an AsyncLocalStorage run
    // copies the async context frame: ≈ 0.33 µs per request on Node 24). Other loggers read the
    // active context, so for them it is entered as before.
    if (typeof (scope.logger as Partial<ContextWriter>)[WRITE_IN_CONTEXT] === 'function') complete(scope, how === 'close');
    else context.with(scope.context, complete, undefined, scope, how === 'close');
  } catch {
    // Telemetry never throws into the host: a broken logger or span must not fail the response.
  }
}

function complete(scope: RequestScope, aborted: boolean): void {
  const { res, span, owner } = scope;
  const options = owner.options;
  if (scope.route === undefined && options.routeOf !== undefined) scope.route = options.routeOf(scope.req);
  const route = scope.route;
  const sent = res.headersSent;
  const status = res.statusCode;
  const durationMs = Math.round((performance.now() - scope.startedAt) * 1000) / 1000;
  if (span !== undefined) {
    // Attributes one by one (no per-request object for setAttributes to walk); the route the span
    // started with (Fastify: always) is already its name and http.route.
    if (sent) span.setAttribute('http.response.status_code', status);
    if (route !== undefined && route !== scope.spanRoute) {
      span.setAttribute('http.route', route);
      span.updateName(scope.method + ' ' + route);
    }
    if (aborted) span.setAttribute(ABORTED_ATTRIBUTE, true);
    if (scope.error !== undefined) {
      const error = scope.error;
      span.recordException(error instanceof Error ? error : errorMessage(error));
      span.setAttribute('error.type', errorName(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    } else if (sent && status >= 500) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    if (options.accessLog) accessLog(scope, route, aborted ? ABORTED_STATUS : status, durationMs, aborted);
    span.end();
  }
  // The request is over: the logger drops the debug records it held for it (an error line written
  // while handling it — the access line of a 5xx included — has already flushed them).
  const requestScope = getRequestScopeFrom(scope.context);
  const log = scope.logger;
  if (requestScope !== undefined && typeof log.endRequest === 'function') log.endRequest(requestScope);
}

/**
 * One line per request. Level: info below 400, warn for 4xx and for aborted requests, error for
 * 5xx or when an error was reported. trace_id/span_id/request_id come from the active context.
 */
function accessLog(scope: RequestScope, route: string | undefined, status: number, durationMs: number, aborted: boolean): void {
  const fields: Record<string, unknown> = {
    method: scope.method,
    route: route ?? null,
    path: scope.path,
    status,
    duration_ms: durationMs,
    bytes: responseBytes(scope),
  };
  // What the span records as server.address / user_agent.original / client.address, so the OTLP
  // exporter can give the access record the span's names (and the ECS one its ECS names).
  const req = scope.req;
  const server = serverAddressOf(req);
  if (server !== undefined) fields.server_address = server;
  const ua = req.headers['user-agent'];
  if (ua !== undefined) fields.user_agent = ua;
  const client = req.socket?.remoteAddress;
  if (client !== undefined) fields.client_address = client;
  if (aborted) fields.aborted = true;
  const message = scope.method + ' ' + scope.path + ' ' + status;
  const log = scope.logger;
  if (scope.error !== undefined) fields.error = scope.error;
  const level = scope.error !== undefined || status >= 500 ? 'error' : status >= 400 || aborted ? 'warn' : 'info';
  const writeIn = (log as Partial<ContextWriter>)[WRITE_IN_CONTEXT];
  if (typeof writeIn === 'function') writeIn.call(log, scope.context, level, message, fields);
  else log[level](message, fields);
}
