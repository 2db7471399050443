/** Shared with the other HTTP packages: see @meridian/testing. */
export { TRACEPARENT, assertChainABC, assertMetricsServed, assertOwnIds, close, collectingLogger, httpGetText, listen, sendConcurrentWork, startTestTracing, until } from '@meridian/testing';
export type { TestTracing } from '@meridian/testing';
