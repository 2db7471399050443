/**
 * The one resource of a process, shared by its logs and its spans (issue 12): who is emitting,
 * on which host, in which process. @meridian/tracing builds the SDK's Resource from it and the
 * OTLP log exporter sends it as is, so a service's logs and traces join on `service.instance.id`
 * (or `host.name` + `process.pid`).
 *
 * Attributes (semantic conventions 1.x, stable or widely used names):
 *   service.name, service.version / service.namespace (when given), service.instance.id,
 *   host.name, host.arch, os.type, process.pid, process.parent_pid, process.executable.name,
 *   process.executable.path, process.runtime.name / version / description,
 *   telemetry.sdk.language, telemetry.distro.name / version.
 * Left out on purpose: process.command_args / command_line (arguments may hold secrets),
 * process.owner (user names are personal data), host.id (a file read, absent in most containers).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, type as osType } from 'node:os';
import { basename } from 'node:path';
import type { ServiceConfig } from './sections/service.js';

export type ResourceAttributeValue = string | number | boolean;
export type ResourceAttributes = Record<string, ResourceAttributeValue>;

/**
 * `service.instance.id` of this process: a random UUID (v4), made once when this module loads,
 * as the semantic conventions recommend when nothing better is known. `OTEL_RESOURCE_ATTRIBUTES`
 * (`service.instance.id=…`) or code attributes replace it, e.g. with a pod name.
 */
export const SERVICE_INSTANCE_ID: string = randomUUID();

/** Node's `process.arch` → the `host.arch` values of the semantic conventions. */
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm32', ia32: 'x86', ppc64: 'ppc64', s390x: 's390x' };
/** Node's `os.type()` → `os.type` values. */
const OS: Record<string, string> = {
  Linux: 'linux',
  Darwin: 'darwin',
  Windows_NT: 'windows',
  FreeBSD: 'freebsd',
  OpenBSD: 'openbsd',
  SunOS: 'solaris',
  AIX: 'aix',
};

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function meridianVersion(): string | undefined {
  return attempt(() => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  });
}

let detected: Readonly<ResourceAttributes> | undefined;

/** What this process can say about itself; detected once (one hostname() call), then reused. */
export function detectedResourceAttributes(): Readonly<ResourceAttributes> {
  if (detected !== undefined) return detected;
  const out: ResourceAttributes = {};
  const host = attempt(hostname);
  if (host) out['host.name'] = host;
  out['host.arch'] = ARCH[process.arch] ?? process.arch;
  const os = attempt(osType);
  if (os) out['os.type'] = OS[os] ?? os.toLowerCase();
  out['process.pid'] = process.pid;
  if (typeof process.ppid === 'number') out['process.parent_pid'] = process.ppid;
  out['process.executable.name'] = basename(process.execPath);
  out['process.executable.path'] = process.execPath;
  out['process.runtime.name'] = 'nodejs';
  out['process.runtime.version'] = process.versions.node;
  out['process.runtime.description'] = 'Node.js';
  out['telemetry.sdk.language'] = 'nodejs';
  out['telemetry.distro.name'] = 'meridian';
  const version = meridianVersion();
  if (version !== undefined) out['telemetry.distro.version'] = version;
  detected = Object.freeze(out);
  return detected;
}

/**
 * The resource attributes of this process, later wins: detected host/process attributes and
 * `service.instance.id`, then `OTEL_RESOURCE_ATTRIBUTES` (service.version, service.namespace,
 * deployment.environment.name, …), then `codeAttributes`, then `service.name`: `serviceName`, else
 * `service.name` of `codeAttributes`, else `OTEL_SERVICE_NAME`, else `service.name` of
 * `OTEL_RESOURCE_ATTRIBUTES`, else unknown_service:node.
 * A new object each call; `service.name` comes first.
 */
export function buildResourceAttributes<V = ResourceAttributeValue>(
  service: ServiceConfig,
  codeAttributes?: Readonly<Record<string, V>>,
  serviceName?: string,
): Record<string, ResourceAttributeValue | V> {
  const fromCode = codeAttributes?.['service.name'];
  const name = serviceName ?? (typeof fromCode === 'string' && fromCode !== '' ? fromCode : service.name);
  const out: Record<string, ResourceAttributeValue | V> = { 'service.name': name };
  Object.assign(out, detectedResourceAttributes(), { 'service.instance.id': SERVICE_INSTANCE_ID }, service.resourceAttributes, codeAttributes);
  out['service.name'] = name;
  return out;
}
