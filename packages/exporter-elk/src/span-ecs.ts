/**
 * A finished OpenTelemetry span → the Elasticsearch document Elastic APM stores for it, so spans
 * can go straight to Elasticsearch (no collector, no APM Server) and still read as traces.
 * Following Elastic's APM data model (transactions and spans, APM 8.x field reference) and how its
 * OTLP intake maps spans (apm-data): a span with no parent, a remote parent, or kind SERVER or
 * CONSUMER becomes a **transaction** (`processor.event: transaction`); every other span is a
 * **span**. The field table is in README.md.
 */
import { ECS_VERSION, MAX_LABELS, stringify } from './ecs.js';
import { put } from './internal/ecs-fields.js';
import {
  type Attrs,
  ipOrUndefined,
  isHttp,
  KIND_CONSUMER,
  KIND_NAMES,
  KIND_SERVER,
  outcome,
  readSpanFacts,
  spanType,
  transactionResult,
  transactionType,
} from './internal/span-attributes.js';

type HrTime = readonly [number, number];

/** The parts of a span this needs: any `ReadableSpan` of the OpenTelemetry JS SDK 2.x fits. */
export interface EcsSpanInput {
  readonly name: string;
  readonly kind: number;
  spanContext(): { readonly traceId: string; readonly spanId: string; readonly traceFlags: number };
  readonly parentSpanContext?: { readonly spanId: string; readonly isRemote?: boolean };
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: { readonly code: number; readonly message?: string };
  readonly attributes: Attrs;
  readonly links: readonly { readonly context: { readonly traceId: string; readonly spanId: string } }[];
  readonly instrumentationScope?: { readonly name: string; readonly version?: string };
  readonly resource?: { readonly attributes: Attrs };
}

export interface SpanToEcsOptions {
  /**
   * For a span (not a transaction): the id of the transaction it belongs to (its local root),
   * as `transaction.id`. A span alone does not know it; a processor that does can pass it.
   */
  transactionId?: string;
}

// ECS labels: keys without '.', '*' or '\' (they become '_'), values flat strings.
const LABEL_KEY = /[.*\\]/g;

/** Resource attributes that become ECS fields (all others become labels). */
const RESOURCE_CONSUMED = new Set([
  'service.name',
  'service.version',
  'deployment.environment.name',
  'deployment.environment',
  'service.instance.id',
  'telemetry.sdk.language',
  'telemetry.sdk.name',
  'telemetry.sdk.version',
  'telemetry.distro.name',
  'telemetry.distro.version',
  'process.runtime.name',
  'process.runtime.version',
  'process.runtime.description',
  'host.name',
  'host.arch',
  'os.type',
  'process.pid',
  'process.parent_pid',
  'process.executable.path',
  'process.executable.name',
]);
const OS_TYPE: Record<string, string> = { darwin: 'macos', linux: 'linux', windows: 'windows', freebsd: 'unix', openbsd: 'unix', solaris: 'unix', aix: 'unix' };

interface ResourceFields {
  service: Record<string, unknown>;
  agent: Record<string, unknown>;
  host: Record<string, unknown> | undefined;
  process: Record<string, unknown> | undefined;
  labels: [string, string][];
}

const resourceCache = new WeakMap<object, ResourceFields>();

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function resourceFields(attrs: Attrs): ResourceFields {
  const cached = resourceCache.get(attrs);
  if (cached !== undefined) return cached;
  const service: Record<string, unknown> = { name: str(attrs['service.name']) ?? 'unknown_service' };
  const version = str(attrs['service.version']);
  if (version) service.version = version;
  const env = str(attrs['deployment.environment.name']) ?? str(attrs['deployment.environment']);
  if (env) service.environment = env;
  const instance = str(attrs['service.instance.id']);
  if (instance) service.node = { name: instance };
  const language = str(attrs['telemetry.sdk.language']);
  if (language) service.language = { name: language };
  const runtime = str(attrs['process.runtime.name']);
  if (runtime) service.runtime = { name: runtime, ...(str(attrs['process.runtime.version']) ? { version: attrs['process.runtime.version'] } : {}) };
  // agent.name as Elastic's OTLP intake writes it: <sdk>/<language>[/<distro>]
  const distro = str(attrs['telemetry.distro.name']);
  const agent: Record<string, unknown> = {
    name: `${str(attrs['telemetry.sdk.name']) ?? 'otlp'}/${language ?? 'unknown'}${distro ? `/${distro}` : ''}`,
    version: (distro ? str(attrs['telemetry.distro.version']) : str(attrs['telemetry.sdk.version'])) ?? 'unknown',
  };
  let host: Record<string, unknown> | undefined;
  if (str(attrs['host.name'])) (host ??= {}).name = attrs['host.name'];
  if (str(attrs['host.arch'])) (host ??= {}).architecture = attrs['host.arch'];
  const os = str(attrs['os.type']);
  if (os) (host ??= {}).os = { type: OS_TYPE[os] ?? os };
  let proc: Record<string, unknown> | undefined;
  if (Number.isSafeInteger(attrs['process.pid'])) (proc ??= {}).pid = attrs['process.pid'];
  if (Number.isSafeInteger(attrs['process.parent_pid'])) (proc ??= {}).parent = { pid: attrs['process.parent_pid'] };
  if (str(attrs['process.executable.path'])) (proc ??= {}).executable = attrs['process.executable.path'];
  if (str(attrs['process.executable.name'])) (proc ??= {}).name = attrs['process.executable.name'];
  const labels: [string, string][] = [];
  for (const k of Object.keys(attrs)) {
    if (!RESOURCE_CONSUMED.has(k) && attrs[k] !== undefined && attrs[k] !== null) labels.push([k.replace(LABEL_KEY, '_'), stringify(attrs[k])]);
  }
  const out = { service, agent, host, process: proc, labels };
  resourceCache.set(attrs, out);
  return out;
}

/** `end − start` in nanoseconds (never negative); `start` in microseconds since the epoch. */
function nanosBetween(start: HrTime, end: HrTime): number {
  const ns = (end[0] - start[0]) * 1e9 + (end[1] - start[1]);
  return Number.isFinite(ns) && ns > 0 ? Math.trunc(ns) : 0;
}

function hasLocalOrRemoteParent(parent: EcsSpanInput['parentSpanContext']): parent is { readonly spanId: string; readonly isRemote?: boolean } {
  return parent !== undefined && typeof parent.spanId === 'string' && parent.spanId !== '';
}

/** Whether `spanToEcs` makes a transaction of this span: no parent, a remote parent, or kind SERVER or CONSUMER. */
export function isEcsTransaction(span: Pick<EcsSpanInput, 'kind' | 'parentSpanContext'>): boolean {
  const parent = span.parentSpanContext;
  const kind = typeof span.kind === 'number' ? span.kind : 0;
  return !hasLocalOrRemoteParent(parent) || parent.isRemote === true || kind === KIND_SERVER || kind === KIND_CONSUMER;
}

/**
 * One span as an Elastic APM transaction or span document. `resource` defaults to the span's own
 * (`span.resource`). Never throws for a span the SDK made; attribute values of any type end up
 * in an ECS field of the right type or as a string label.
 */
export function spanToEcs(span: EcsSpanInput, resource?: { readonly attributes: Attrs }, options?: SpanToEcsOptions): Record<string, unknown> {
  const ctx = span.spanContext();
  const parent = span.parentSpanContext;
  const hasParent = hasLocalOrRemoteParent(parent);
  const kind = typeof span.kind === 'number' ? span.kind : 0;
  const isTransaction = isEcsTransaction(span);
  const attrs = span.attributes ?? {};
  const facts = readSpanFacts(attrs);
  const res = resourceFields((resource ?? span.resource)?.attributes ?? {});
  const durationNs = nanosBetween(span.startTime, span.endTime);
  const durationUs = Math.trunc(durationNs / 1000);
  const startUs = span.startTime[0] * 1e6 + Math.trunc(span.startTime[1] / 1000);
  const statusCode = span.status?.code ?? 0;

  const doc: Record<string, unknown> = {
    '@timestamp': new Date(Math.trunc(startUs / 1000)).toISOString(),
    'ecs.version': ECS_VERSION,
    timestamp: { us: startUs },
    processor: { event: isTransaction ? 'transaction' : 'span', name: 'transaction' },
    trace: { id: ctx.traceId },
    event: { duration: durationNs, outcome: outcome(statusCode, facts, isTransaction) },
    service: { ...res.service },
    agent: res.agent,
  };
  if (hasParent) doc.parent = { id: parent.spanId };
  const kindName = KIND_NAMES[kind] ?? 'INTERNAL';
  if (isTransaction) {
    const tx: Record<string, unknown> = {
      id: ctx.spanId,
      name: span.name,
      type: transactionType(facts),
      duration: { us: durationUs },
      result: transactionResult(statusCode, facts),
      sampled: (ctx.traceFlags & 0x01) === 0x01,
    };
    doc.transaction = tx;
    doc.span = { id: ctx.spanId, kind: kindName };
    const scope = span.instrumentationScope;
    if (scope !== undefined && scope.name)
      (doc.service as Record<string, unknown>).framework = { name: scope.name, ...(scope.version ? { version: scope.version } : {}) };
  } else {
    const t = spanType(facts, kind);
    const sp: Record<string, unknown> = { id: ctx.spanId, name: span.name, type: t.type, kind: kindName, duration: { us: durationUs } };
    if (t.subtype !== undefined) sp.subtype = t.subtype;
    if (t.action !== undefined) sp.action = t.action;
    if (t.type === 'db')
      sp.db = {
        ...(t.subtype ? { type: t.subtype } : {}),
        ...(facts.dbStatement ? { statement: facts.dbStatement } : {}),
        ...(facts.dbInstance ? { instance: facts.dbInstance } : {}),
      };
    if (t.type === 'messaging' && facts.messagingDestination !== undefined) sp.message = { queue: { name: facts.messagingDestination } };
    doc.span = sp;
    if (options?.transactionId) doc.transaction = { id: options.transactionId };
    const targetName =
      facts.peerService ??
      (t.type === 'db'
        ? facts.dbInstance
        : t.type === 'messaging'
          ? facts.messagingDestination
          : t.type === 'external' && t.subtype !== 'http'
            ? facts.rpcService
            : undefined) ??
      (facts.serverAddress !== undefined ? (facts.serverPort !== undefined ? `${facts.serverAddress}:${facts.serverPort}` : facts.serverAddress) : undefined);
    if (t.type !== 'app' && t.type !== 'unknown')
      (doc.service as Record<string, unknown>).target = { type: t.subtype ?? t.type, ...(targetName ? { name: targetName } : {}) };
    if (facts.serverAddress !== undefined)
      doc.destination = { address: facts.serverAddress, ...(facts.serverPort !== undefined ? { port: facts.serverPort } : {}) };
  }
  if (span.links !== undefined && span.links.length > 0) {
    (doc.span as Record<string, unknown>).links = span.links.map((l) => ({ trace: { id: l.context.traceId }, span: { id: l.context.spanId } }));
  }
  if (res.host !== undefined) doc.host = res.host;
  if (res.process !== undefined) doc.process = res.process;
  putHttp(doc, facts, isTransaction);
  putLabels(doc, res.labels, attrs, facts.consumed, span.status?.message);
  return doc;
}

function putHttp(doc: Record<string, unknown>, f: ReturnType<typeof readSpanFacts>, isTransaction: boolean): void {
  if (f.method !== undefined) put(doc, ['http', 'request', 'method'], f.method);
  if (f.statusCode !== undefined) put(doc, ['http', 'response', 'status_code'], f.statusCode);
  if (f.httpVersion !== undefined && isHttp(f)) put(doc, ['http', 'version'], f.httpVersion);
  if (f.urlFull !== undefined) put(doc, ['url', 'full'], f.urlFull);
  if (f.urlPath !== undefined) put(doc, ['url', 'path'], f.urlPath);
  if (f.urlQuery !== undefined) put(doc, ['url', 'query'], f.urlQuery);
  if (f.urlScheme !== undefined) put(doc, ['url', 'scheme'], f.urlScheme);
  if (isTransaction && f.serverAddress !== undefined && isHttp(f)) put(doc, ['url', 'domain'], f.serverAddress);
  if (isTransaction && f.serverPort !== undefined && isHttp(f)) put(doc, ['url', 'port'], f.serverPort);
  if (f.clientAddress !== undefined) {
    put(doc, ['client', 'address'], f.clientAddress);
    const ip = ipOrUndefined(f.clientAddress);
    if (ip !== undefined) put(doc, ['client', 'ip'], ip);
  }
  if (f.userAgent !== undefined) put(doc, ['user_agent', 'original'], f.userAgent);
}

/** Resource labels, then the span's unmapped attributes and status message; at most MAX_LABELS, the rest as JSON in `meridian_overflow`. */
function putLabels(
  doc: Record<string, unknown>,
  resourceLabels: [string, string][],
  attrs: Attrs,
  consumed: Set<string>,
  statusMessage: string | undefined,
): void {
  const labels: Record<string, string> = {};
  let n = 0;
  let overflow: Record<string, unknown> | undefined;
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (n < MAX_LABELS) {
      labels[key.replace(LABEL_KEY, '_')] = stringify(value);
      n++;
    } else {
      (overflow ??= {})[key] = value;
    }
  };
  for (const [k, v] of resourceLabels) add(k, v);
  for (const k of Object.keys(attrs)) if (!consumed.has(k)) add(k, attrs[k]);
  if (statusMessage) add('status_message', statusMessage);
  if (overflow !== undefined) labels.meridian_overflow = stringify(overflow);
  if (n > 0 || overflow !== undefined) doc.labels = labels;
}
