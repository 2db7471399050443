import { loadConfig } from '@meridian/config';
import { createHttpNdjsonExporter, createTransport, type Transport, type TransportOptions } from '../../src/index.js';
import type { Sink } from './sink.js';

/** A transport to `sink` with test-sized delays; the environment is ignored (loadConfig({})). */
export function transportTo(sink: Sink, options: Partial<TransportOptions> = {}): Transport {
  return createTransport({
    exporter: createHttpNdjsonExporter({ url: sink.url, name: 'test' }),
    config: loadConfig({}),
    batchDelayMs: 50,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    ...options,
  });
}
