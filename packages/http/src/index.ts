/**
 * @meridian/http — the request-shape helper every Meridian server adapter uses (SERVER span from the
 * incoming headers, request context, access log, server-timing), and outbound propagation for
 * `fetch` and node:http/https clients (CLIENT spans + traceparent/tracestate/baggage).
 */
export { HttpServerInstrumentation } from './internal/server.js';
export { RequestScope, scopeOfResponse as requestScopeOf } from './internal/request-scope.js';
export type { HttpServerOptions, ResolvedServerOptions } from './internal/options.js';
export { meridianHandler } from './internal/node-handler.js';
export { ABORTED_ATTRIBUTE, ABORTED_STATUS } from './internal/finish.js';
export { serverTimingValue } from './internal/server-timing.js';
export { generateRequestId } from './internal/request-id.js';
export { instrumentOutbound, uninstrumentOutbound, outboundState, outboundStats } from './internal/outbound.js';
export type { OutboundOptions, OutboundState } from './internal/outbound.js';
export { instrumentClientRequest } from './internal/outbound-http.js';
export { METRICS_PATH, isMetricsRequest, metricsEnabled, serveMetrics } from './internal/metrics-endpoint.js';
