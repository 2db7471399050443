import { type Env, raw, readKeyValues } from '../internal/parsers.js';

/** Who is emitting: the OpenTelemetry resource as configured by the environment. */
export interface ServiceConfig {
  /** `OTEL_SERVICE_NAME`, else `service.name` from `OTEL_RESOURCE_ATTRIBUTES`, else `unknown_service:node`. */
  name: string;
  /** All of `OTEL_RESOURCE_ATTRIBUTES`, with `service.name` set to `name`. */
  resourceAttributes: Record<string, string>;
  /** `NODE_ENV`, if set. */
  nodeEnv: string | undefined;
}

export const DEFAULT_SERVICE_NAME = 'unknown_service:node';

export function readService(env: Env): ServiceConfig {
  const attrs = readKeyValues(env, 'OTEL_RESOURCE_ATTRIBUTES');
  const name = raw(env, 'OTEL_SERVICE_NAME') ?? attrs['service.name'] ?? DEFAULT_SERVICE_NAME;
  const resourceAttributes: Record<string, string> = { ...attrs, 'service.name': name };
  return { name, resourceAttributes, nodeEnv: raw(env, 'NODE_ENV') };
}
