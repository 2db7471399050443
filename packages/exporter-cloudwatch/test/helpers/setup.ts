import { type Env, loadConfig, type MeridianConfig } from '@meridian/config';
import { createTransport, type Level, type LogEntry, type Transport, type TransportOptions } from '@meridian/transport';
import { type CloudWatchExporter, type CloudWatchExporterOptions, createCloudWatchExporter } from '../../src/index.js';
import type { FakeCloudWatch } from './fake-cloudwatch.js';

// Fake credentials for the standard chain; never ask EC2 instance metadata.
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_SESSION_TOKEN = 'test';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

export const LEVEL_VALUES: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** The environment a test service would have, pointed at `server`. */
export function envFor(server: FakeCloudWatch, extra: Env = {}): Env {
  return {
    MERIDIAN_CLOUDWATCH_LOG_GROUP: '/meridian/app',
    AWS_REGION: 'eu-central-1',
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: server.url,
    OTEL_SERVICE_NAME: 'payments',
    OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=i-0abc123',
    ...extra,
  };
}

/** A Meridian record as the logger would hand it over. */
export function entry(time: number, level: Level, message: string, fields: Record<string, unknown> = {}): LogEntry {
  const line = JSON.stringify({ timestamp: new Date(time).toISOString(), level, message, service: 'payments', ...fields });
  return { time, level, levelValue: LEVEL_VALUES[level], line };
}

export interface Rig {
  config: MeridianConfig;
  exporter: CloudWatchExporter;
  transport: Transport;
}

/** Exporter (configured from `env`) behind a transport with test-sized delays. */
export function rig(env: Env, options: Partial<CloudWatchExporterOptions> = {}, transport: Partial<TransportOptions> = {}): Rig {
  const config = loadConfig(env);
  const exporter = createCloudWatchExporter({ config, ...options });
  const t = createTransport({
    exporter,
    config,
    compression: 'none',
    batchDelayMs: 20,
    backoffBaseMs: 5,
    backoffMaxMs: 50,
    ...transport,
  });
  return { config, exporter, transport: t };
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
