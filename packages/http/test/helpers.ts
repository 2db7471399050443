/** Shared with the other HTTP packages: see @meridian/testing. */
export { TRACEPARENT, close, collectingLogger, listen, startTestTracing, until } from '@meridian/testing';
export type { TestTracing } from '@meridian/testing';
