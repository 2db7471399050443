import type { AttributeValue } from '@opentelemetry/api';
import { buildResourceAttributes, type ServiceConfig } from '@meridian/config';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';

/**
 * The spans' resource: the SDK's `telemetry.sdk.*`, then the process resource that logs share
 * (`buildResourceAttributes` of @meridian/config: service.*, service.instance.id, host.*, os.type,
 * process.*, telemetry.distro.*, `OTEL_RESOURCE_ATTRIBUTES`), then attributes passed in code, then
 * `service.name` (later wins). Logs carry the same attributes; spans add only `telemetry.sdk.name`
 * and `telemetry.sdk.version` (which name the OpenTelemetry SDK that made them).
 */
export function buildResource(service: ServiceConfig, codeAttributes?: Readonly<Record<string, AttributeValue>>, serviceName?: string): Resource {
  return defaultResource().merge(resourceFromAttributes(buildResourceAttributes<AttributeValue>(service, codeAttributes, serviceName)));
}
