/** Shared with the other HTTP packages: see @meridian/testing (it takes the logger and tracing factories). */
import { createLogger } from '@meridian/logger';
import { startTracing, type TracingHandle } from '@meridian/tracing';
import { collectingLogger as collecting, startTestTracing as inMemory, type TestTracing as InMemoryTracing } from '@meridian/testing';

export { TRACEPARENT, assertChainABC, assertMetricsServed, assertOwnIds, close, httpGetText, listen, sendConcurrentWork, until } from '@meridian/testing';
export type TestTracing = InMemoryTracing<TracingHandle>;
export const collectingLogger = () => collecting(createLogger);
export const startTestTracing = () => inMemory(startTracing);
