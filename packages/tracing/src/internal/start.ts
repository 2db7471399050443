import { propagation, trace, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { diagnose, getConfig, type BatchSpanConfig } from '@meridian/config';
import { ensureContextManager } from '@meridian/context';
import { MeridianIdGenerator, RandomTraceFlagSampler } from '@meridian/propagation';
import { createRedactor, type Redactor } from '@meridian/redact';
import { RedactingSpanProcessor } from './redacting-processor.js';
import { setupDiagLogger } from './diag-logger.js';
import { describeError, withDeadline } from './deadline.js';
import { createExportingProcessors, type ExporterChoice } from './exporters.js';
import type { SettleResult, TracingHandle, TracingOptions } from './options.js';
import { ProcessorChain } from './processor-chain.js';
import { createPropagator } from './propagator.js';
import { buildResource } from './resource.js';
import { createSampler } from './sampler.js';

export const ERR_TRACING_STARTED = 'MERIDIAN_ERR_TRACING_ALREADY_STARTED';
export const ERR_TRACING_SHUTDOWN = 'MERIDIAN_ERR_TRACING_SHUTDOWN';
export const ERR_TRACING_REGISTER = 'MERIDIAN_ERR_TRACING_REGISTER';

let current: TracingHandle | undefined;
let chain: ProcessorChain | undefined;
const pending: SpanProcessor[] = [];

/**
 * Add a span processor (e.g. redaction) that runs before the exporting processors. Before
 * `startTracing()` it is queued; afterwards it is inserted into the running pipeline.
 */
export function addSpanProcessor(processor: SpanProcessor): void {
  if (chain !== undefined) chain.addExtra(processor);
  else pending.push(processor);
}

/** The handle of the running tracing setup, if any. */
export function getTracing(): TracingHandle | undefined {
  return current;
}

function isSampler(x: unknown): x is Sampler {
  return typeof x === 'object' && x !== null && typeof (x as Sampler).shouldSample === 'function';
}

function isPropagator(x: unknown): x is TextMapPropagator {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as TextMapPropagator).inject === 'function';
}

function noopHandle(serviceName: string): TracingHandle {
  const handle: TracingHandle = {
    enabled: false,
    provider: trace.getTracerProvider(),
    tracer: (name?: string, version?: string): Tracer => trace.getTracer(name ?? serviceName, version),
    forceFlush: () => Promise.resolve('done'),
    shutdown: () => {
      if (current === handle) current = undefined;
      return Promise.resolve('done');
    },
  };
  return handle;
}

/**
 * Start tracing: the OpenTelemetry Node SDK configured from `@meridian/config`, with options in code
 * winning. Returns the existing handle (and prints one diagnostic) when already started.
 */
export function startTracing(options: TracingOptions = {}): TracingHandle {
  if (current !== undefined) {
    diagnose(
      ERR_TRACING_STARTED,
      'startTracing() was called again; the running setup is kept and its handle returned. ' +
        'Accepted: call startTracing() once per process (or shut the first one down before starting again)',
    );
    return current;
  }
  const config = options.config ?? getConfig();
  const tc = config.tracing;
  const serviceName = options.serviceName ?? config.service.name;
  setupDiagLogger(tc.otelLogLevel);
  // one context manager for logs and spans; the provider must not install a second one
  ensureContextManager();

  if (options.disabled ?? tc.disabled) {
    current = noopHandle(serviceName);
    return current;
  }

  const bsp: BatchSpanConfig = { ...tc.bsp, ...definedOnly(options.batch) };
  const choices: ExporterChoice[] =
    options.exporter === undefined ? tc.exporters.slice() : Array.isArray(options.exporter) ? options.exporter : [options.exporter];
  const redactor = chooseRedactor(options.redaction, config);
  const resource = buildResource(config.service, options.resourceAttributes, serviceName);
  const processors = new ProcessorChain(
    [...(redactor === undefined ? [] : [new RedactingSpanProcessor(redactor)]), ...(options.spanProcessors ?? []), ...pending.splice(0)],
    createExportingProcessors(choices, { config, bsp, resource }),
  );
  const inner = isSampler(options.sampler)
    ? options.sampler
    : createSampler(options.sampler ?? tc.sampler, options.samplerArg ?? tc.samplerArg, tc.samplerFloor);
  // Our trace ids are random (node:crypto), so traces we start carry the Level 2 random-trace-id
  // flag (0x02); the wrapper must be the outermost sampler to keep that mark on every child.
  const idGenerator = new MeridianIdGenerator();
  const sampler = new RandomTraceFlagSampler(inner, idGenerator);
  const propagator = isPropagator(options.propagators) ? options.propagators : createPropagator(options.propagators ?? tc.propagators);

  const provider = new NodeTracerProvider({
    resource,
    sampler,
    idGenerator,
    spanProcessors: [processors],
  });
  provider.register({ contextManager: null, propagator });
  if (!isOurs(provider)) {
    diagnose(
      ERR_TRACING_REGISTER,
      'another OpenTelemetry tracer provider is already registered globally; ' +
        "Meridian's spans only come from handle.tracer(). Accepted: one SDK per process",
    );
  }

  const timeoutMs = options.timeoutMs ?? config.runtime.shutdownTimeoutMs;
  let shutdownPromise: Promise<SettleResult> | undefined;
  const handle: TracingHandle = {
    enabled: true,
    provider,
    tracer: (name?: string, version?: string) => provider.getTracer(name ?? serviceName, version),
    forceFlush: async () => {
      const r = await withDeadline(provider.forceFlush(), timeoutMs);
      if (r === 'done') return 'done';
      if (r === 'timeout') {
        diagnose(ERR_TRACING_SHUTDOWN, `forceFlush() did not finish within ${timeoutMs} ms; spans still queued may be lost`);
        return 'timeout';
      }
      diagnose(ERR_TRACING_SHUTDOWN, `forceFlush() failed: ${describeError(r.error)}`);
      return 'failed';
    },
    shutdown: () => {
      shutdownPromise ??= (async () => {
        const r = await withDeadline(provider.shutdown(), timeoutMs);
        let result: SettleResult = 'done';
        if (r === 'timeout') {
          result = 'timeout';
          diagnose(
            ERR_TRACING_SHUTDOWN,
            `tracing shutdown did not finish within ${timeoutMs} ms (MERIDIAN_SHUTDOWN_TIMEOUT_MS); spans not yet exported were dropped`,
          );
        } else if (r !== 'done') {
          result = 'failed';
          diagnose(ERR_TRACING_SHUTDOWN, `tracing shutdown failed: ${describeError(r.error)}; spans not yet exported were dropped`);
        }
        if (isOurs(provider)) {
          trace.disable();
          propagation.disable();
        }
        if (current === handle) {
          current = undefined;
          chain = undefined;
        }
        return result;
      })();
      return shutdownPromise;
    },
  };
  chain = processors;
  current = handle;
  return handle;
}

function isOurs(provider: NodeTracerProvider): boolean {
  // the global ProxyTracerProvider delegates to what was registered
  const global = trace.getTracerProvider() as { getDelegate?: () => unknown };
  return typeof global.getDelegate === 'function' ? global.getDelegate() === provider : global === provider;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o === undefined) return out;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Redaction is on unless switched off (MERIDIAN_REDACT=off or `redaction: false`), and never off in production. */
function chooseRedactor(option: Redactor | false | undefined, config: ReturnType<typeof getConfig>): Redactor | 'mask-all' | undefined {
  if (option !== undefined && option !== false) return option;
  const production = config.service.nodeEnv === 'production';
  if (option === false && production) {
    diagnose(
      'MERIDIAN_ERR_CONFIG_INVALID',
      'startTracing option redaction=false is refused when NODE_ENV=production; accepted there: a redactor or the default; span redaction stays on',
    );
  } else if (option === false || !config.redact.enabled) {
    return undefined;
  }
  try {
    return createRedactor({ config, enabled: true });
  } catch (e) {
    diagnose(
      'MERIDIAN_ERR_CONFIG_INVALID',
      `the span redactor could not be created (${e instanceof Error ? e.message : String(e)}); spans are not exported unredacted: their names and attributes are masked wholesale`,
    );
    return 'mask-all';
  }
}
