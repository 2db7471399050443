import type { IncomingMessage, ServerResponse } from 'node:http';
import { getConfig, type MeridianConfig } from '@meridian/config';
import { prometheusHandler } from '@meridian/transport';

/** Where the adapters serve the transport's self-metrics when MERIDIAN_METRICS=on. */
export const METRICS_PATH = '/metrics';

/** Is the metrics endpoint on? Code option > MERIDIAN_METRICS (of `config`, default `getConfig()`). */
export function metricsEnabled(option: boolean | undefined, config?: MeridianConfig): boolean {
  return option ?? (config ?? getConfig()).transport.metrics;
}

/** `GET /metrics` (query ignored): the Prometheus scrape, served with no span and no access-log line. */
export function isMetricsRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '';
  return url === METRICS_PATH || url.startsWith(METRICS_PATH + '?');
}

/** Answer a scrape with the Prometheus text of every publishing transport (queue, drops, retries, latency). */
export function serveMetrics(req: IncomingMessage, res: ServerResponse): void {
  prometheusHandler(req, res);
}
