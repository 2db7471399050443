import { ROOT_CONTEXT, SpanKind, context, propagation, trace, type Context, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { contextWithRequestFields, ensureContextManager } from '@meridian/context';
import { getDefaultLogger, type Logger } from '@meridian/logger';
import { normaliseMethod, serverAttributes } from './attributes.js';
import { finishRequest, onResponseClose } from './finish.js';
import { PathMatcher } from './ignore.js';
import { resolveServerOptions, type HttpServerOptions, type ResolvedServerOptions } from './options.js';
import { requestIdFrom } from './request-id.js';
import { RequestScope, attachScope, scopeOfResponse } from './request-scope.js';
import { appendServerTiming, serverTimingValue } from './server-timing.js';
import { countBytesOf, installByteCounting } from './byte-count.js';

/** A body follows the headers (RFC 9112 §6.3): Content-Length other than 0, or Transfer-Encoding. */
function hasBody(req: IncomingMessage): boolean {
  const h = req.headers;
  if (h['transfer-encoding'] !== undefined) return true;
  const length = h['content-length'];
  return length !== undefined && length !== '0';
}

/** The caller's context from the request headers; a failing (custom) propagator gives a fresh trace. */
function extractParent(req: IncomingMessage): Context {
  try {
    return propagation.extract(ROOT_CONTEXT, req.headers);
  } catch {
    return ROOT_CONTEXT;
  }
}

/**
 * The request-shape helper every server adapter uses (node:http, Express, Fastify): one place that
 * extracts the caller's context, starts the SERVER span, binds the request fields, sets the response
 * headers and, when the response is done, names/ends the span and writes the access-log line.
 */
export class HttpServerInstrumentation {
  readonly options: ResolvedServerOptions;
  private readonly ignore: PathMatcher;
  /**
   * The tracer, cached per global provider (the API hands out a new provider object only after
   * trace.disable()): trace.getTracer() looked the tracer up by name and version in the SDK's map
   * on every request (≈ 0.4–0.8 µs per request in Fastify hello-world profiles on this shared machine).
   */
  private tracerProvider: TracerProvider | undefined = undefined;
  private tracer: Tracer | undefined = undefined;

  constructor(options?: HttpServerOptions) {
    this.options = resolveServerOptions(options);
    this.ignore = new PathMatcher(this.options.ignorePaths);
    ensureContextManager();
    if (this.options.accessLog) installByteCounting();
  }

  /** The logger behind `req.log` and the access log. */
  logger(): Logger {
    return this.options.logger ?? getDefaultLogger();
  }

  /**
   * Start instrumenting one request. Returns the scope (also stored on `res`); run the handler with
   * `run(scope, fn)`. Calling it twice for the same response returns the first scope.
   */
  begin(req: IncomingMessage, res: ServerResponse, route?: string): RequestScope {
    const existing = scopeOfResponse(res);
    if (existing !== undefined) return existing;
    const o = this.options;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = normaliseMethod(req.method);
    const requestId = requestIdFrom(req.headers[o.requestIdHeader]);
    const parent = extractParent(req);
    let span: Span | undefined;
    let base = parent;
    if (!this.ignore.matches(path)) {
      const tracer = this.currentTracer();
      const attrs = serverAttributes(req, method, path, q === -1 ? undefined : url.slice(q + 1));
      if (route !== undefined) attrs['http.route'] = route;
      span = tracer.startSpan(route === undefined ? method : method + ' ' + route, { kind: SpanKind.SERVER, attributes: attrs }, parent);
      base = trace.setSpan(parent, span);
      if (o.serverTiming && !res.headersSent) {
        const sc = span.spanContext();
        if (trace.isSpanContextValid(sc)) appendServerTiming(res, serverTimingValue(sc));
      }
    }
    if (o.echoRequestId && !res.headersSent) {
      // Response headers are a courtesy: one that cannot be set (e.g. an invalid
      // MERIDIAN_HTTP_REQUEST_ID_HEADER name) is skipped, the request is served without it.
      try {
        res.setHeader(o.requestIdHeader, requestId);
      } catch {
        // skipped, see above
      }
    }
    // A request scope (not a plain withContext): the logger keys its per-request debug buffer on it.
    // Span and request fields go into one context, entered once by run(): building it through
    // context.with(base, withRequestContext, …) entered the async context twice more per request.
    // Measured in isolation: 610–680 → 370–400 ns per request on Node 20, 980–1220 → 350–380 ns on Node 24.
    const ctx = contextWithRequestFields(base, { request_id: requestId });
    const scope = new RequestScope(req, res, ctx, span, requestId, method, path, this.logger(), performance.now(), this);
    scope.route = route;
    scope.spanRoute = route;
    attachScope(res, scope);
    // Listeners added later to a request with a body (body parsers' 'data'/'end') run in the request's
    // context, not the socket's. Bodiless requests (most GETs) are not bound, nor is the response:
    // Meridian's end-of-request work enters the context explicitly. Binding cost ~5 µs per request in
    // the Fastify hello-world profile (a closure per listener added afterwards).
    if (hasBody(req)) context.bind(ctx, req);
    if (span !== undefined && o.accessLog) countBytesOf(res);
    // 'close' always follows 'finish' (next tick), and alone tells completed from aborted responses:
    // one listener per request instead of two.
    res.on('close', onResponseClose);
    return scope;
  }

  private currentTracer(): Tracer {
    const provider = trace.getTracerProvider();
    if (provider !== this.tracerProvider || this.tracer === undefined) {
      this.tracerProvider = provider;
      this.tracer = provider.getTracer(this.options.tracerName);
    }
    return this.tracer;
  }

  /** Run `fn` (the rest of the request's handling) in the request's context. */
  run<A extends unknown[], R>(scope: RequestScope, fn: (...args: A) => R, ...args: A): R {
    return context.with(scope.context, fn, undefined, ...args);
  }

  /** Set the route template (e.g. `/users/:id`): the span is renamed `METHOD route`. */
  setRoute(scope: RequestScope, route: string | undefined): void {
    scope.route = route;
  }

  /** Report an error for this request: recorded on the span, marked ERROR, logged by the access line. */
  recordError(scope: RequestScope, error: unknown): void {
    if (scope.error === undefined) scope.error = error ?? new Error('unknown error');
  }

  /** End the request now (adapters whose response never emits `finish`/`close`). Idempotent. */
  end(scope: RequestScope): void {
    finishRequest(scope, scope.res.writableFinished ? 'finish' : 'close');
  }
}
