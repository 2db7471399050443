/**
 * @meridian/fastify — Meridian for Fastify 5: a fastify-plugin adding SERVER spans that continue the
 * caller's trace, the request context on every log line, error capture, the access log and
 * server-timing; plus a pino-compatible adapter so Fastify's `request.log` writes Meridian lines.
 */
export { meridianFastify } from './internal/plugin.js';
export type { FastifyMeridianOptions, MeridianRequest } from './internal/plugin.js';
export { FastifyLoggerAdapter, meridianFastifyLogger } from './internal/pino-adapter.js';
