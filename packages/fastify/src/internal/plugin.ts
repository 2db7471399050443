import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { HttpServerInstrumentation, METRICS_PATH, metricsEnabled, serveMetrics, type HttpServerOptions, type RequestScope } from '@meridian/http';
import type { Logger } from '@meridian/logger';

/** Options of the plugin; each one overrides the environment (see README). */
export type FastifyMeridianOptions = Omit<HttpServerOptions, 'routeOf'>;

/** What the plugin puts on `request.meridian`. */
export interface MeridianRequest {
  /** The request id (incoming header or generated), also on every log line as `request_id`. */
  readonly requestId: string;
  /** The SERVER span (undefined for ignored paths). */
  readonly span: Span | undefined;
  /** The Meridian logger (lines carry trace ids and request_id while the request is handled). */
  readonly logger: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by @meridian/fastify for every request (null before its onRequest hook ran). */
    meridian: MeridianRequest | null;
  }
}

const INSTRUMENTATION = Symbol('meridian.fastify.instrumentation');
const METRICS_ON = Symbol('meridian.fastify.metrics');

type Decorated = FastifyInstance & { [INSTRUMENTATION]: HttpServerInstrumentation; [METRICS_ON]: boolean };

function onRequest(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const instrumentation = (this as Decorated)[INSTRUMENTATION];
  // routeOptions.url is the template (`/users/:id`); undefined when no route matched (404). Read once:
  // Fastify 5 builds a new 13-field routeOptions object (and asks the router about version
  // constraints) on every access of the getter.
  const route = request.routeOptions.url;
  if (route === METRICS_PATH && (this as Decorated)[METRICS_ON] === true) {
    done();
    return;
  }
  const scope = instrumentation.begin(request.raw, reply.raw, route);
  request.meridian = scope;
  // Everything after this hook (other hooks, body parsing — the raw request's listeners are bound —
  // the handler, onSend/onResponse) runs in the request's context.
  instrumentation.run(scope, done);
}

function onError(this: FastifyInstance, request: FastifyRequest, _reply: FastifyReply, error: Error, done: HookHandlerDoneFunction): void {
  const scope = request.meridian as RequestScope | null;
  if (scope !== null) (this as Decorated)[INSTRUMENTATION].recordError(scope, error);
  done();
}

const plugin: FastifyPluginCallback<FastifyMeridianOptions> = (fastify, options, done) => {
  // Registered twice (e.g. by two plugins that both depend on it): the first registration stands.
  if (fastify.hasDecorator(INSTRUMENTATION as unknown as string)) {
    done();
    return;
  }
  const instrumentation = new HttpServerInstrumentation(options);
  // fastify-plugin breaks encapsulation, so these hooks and the decoration apply to the whole app.
  fastify.decorate(INSTRUMENTATION as unknown as string, instrumentation);
  fastify.decorateRequest('meridian', null);
  fastify.addHook('onRequest', onRequest);
  fastify.addHook('onError', onError);
  const metrics = metricsEnabled(options.metrics, options.config);
  fastify.decorate(METRICS_ON as unknown as string, metrics);
  if (metrics) {
    // The scrape is served raw (Prometheus text), with no span and no access-log line.
    fastify.get(METRICS_PATH, { logLevel: 'silent' }, (request, reply) => {
      reply.hijack();
      serveMetrics(request.raw, reply.raw);
    });
  }
  done();
};

/**
 * The Fastify 5 plugin: `await app.register(meridianFastify, options)` before your routes.
 * SERVER span per request named `METHOD /route/:template`, request context on every log line,
 * errors recorded (thrown, rejected, reply with an Error), one access-log line, server-timing.
 */
export const meridianFastify = fp(plugin, { fastify: '5.x', name: '@meridian/fastify' });
