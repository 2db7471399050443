import { hostname } from 'node:os';
import type { AttributeValue } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * The service resource: `telemetry.sdk.*` (from the SDK), process and host attributes, then
 * `OTEL_RESOURCE_ATTRIBUTES`, then attributes passed in code, then `service.name` (later wins).
 */
export function buildResource(
  serviceName: string,
  envAttributes: Readonly<Record<string, string>>,
  codeAttributes: Readonly<Record<string, AttributeValue>> | undefined,
): Resource {
  let host: string | undefined;
  try {
    host = hostname();
  } catch {
    host = undefined;
  }
  const detected: Record<string, AttributeValue> = {
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    'process.runtime.description': 'Node.js',
  };
  if (host) detected['host.name'] = host;
  return defaultResource()
    .merge(resourceFromAttributes(detected))
    .merge(resourceFromAttributes({ ...envAttributes }))
    .merge(resourceFromAttributes({ ...codeAttributes, [ATTR_SERVICE_NAME]: serviceName }));
}
