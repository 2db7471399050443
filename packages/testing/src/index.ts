/** @meridian/testing — private helpers shared by the HTTP packages' tests (tracing, collecting logger, servers). */
export { TRACEPARENT, close, collectingLogger, listen, startTestTracing, until } from './http-helpers.js';
export type { TestTracing } from './http-helpers.js';
