import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter, type Transport, type TransportOptions } from '@meridian/transport';

/** A transport with test-sized delays and room for the 20,000-record runs; the environment is ignored. */
export function transportFor(exporter: Exporter, options: Partial<TransportOptions> = {}): Transport {
  return createTransport({
    exporter,
    config: loadConfig({}),
    batchDelayMs: 20,
    backoffBaseMs: 20,
    backoffMaxMs: 250,
    queueMaxRecords: 50_000,
    queueMaxBytes: 128 * 1024 * 1024,
    exportTimeoutMs: 5_000,
    closeTimeoutMs: 500,
    ...options,
  });
}

/** Guards as MERIDIAN_ALLOWED_REGIONS / MERIDIAN_ALLOW_INSECURE would set them. */
export function guards(env: Record<string, string> = {}): ReturnType<typeof loadConfig>['exportGuards'] {
  return loadConfig(env).exportGuards;
}
