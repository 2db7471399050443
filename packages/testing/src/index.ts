/**
 * @meridian/testing — private helpers shared by the packages' tests (tracing, collecting logger,
 * servers, protocol fakes). It depends on no @meridian package, so any package may use it.
 */
export { TRACEPARENT, close, collectingDestination, collectingLogger, listen, startTestTracing, until } from './http-helpers.js';
export type { CollectingDestination, CollectingLoggerOptions, FlushableTracing, TestTracing, TestTracingOptions } from './http-helpers.js';
/** The A → B → C chain and 1,000-concurrent-request checks of the Express and Fastify tests. */
export { assertChainABC, assertMetricsServed, assertOwnIds, httpGetText, sendConcurrentWork } from './hop-checks.js';
export type { SentWork } from './hop-checks.js';
/** Protocol fakes that enforce the services' documented limits (loopback only). */
export { FakeCloudWatch, startFakeCloudWatch } from './fake-cloudwatch.js';
export type { StoredEvent } from './fake-cloudwatch.js';
export { JsonLinesServer } from './json-lines-server.js';
export type { ReceivedLine } from './json-lines-server.js';
/** An Elasticsearch `_bulk` endpoint that refuses field names as Elasticsearch's document parser does. */
export { BulkServer } from './bulk-server.js';
export type { BulkServerOptions, Doc, RequestAnswer } from './bulk-server.js';
export { ES_METADATA_FIELDS, fieldNameError } from './es-field-names.js';
/** Child processes of end-to-end tests: their output, and a port nothing listens on. */
export { collectOutput, freePort } from './processes.js';
export type { CollectedOutput } from './processes.js';
