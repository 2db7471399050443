// Type tests of @meridian/tracing's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import type { Tracer } from '@opentelemetry/api';
import {
  type SettleResult,
  type TracingHandle,
  type TracingOptions,
  addSpanProcessor,
  getTracing,
  startTracing,
  RedactingSpanProcessor,
} from '@meridian/tracing';
import { createRedactor } from '@meridian/redact';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: TracingOptions = {
  serviceName: 'checkout',
  resourceAttributes: { 'deployment.environment.name': 'prod', 'service.replicas': 3 },
  exporter: ['otlp', 'console'],
  sampler: 'parentbased_traceidratio',
  samplerArg: 0.25,
  propagators: ['tracecontext', 'baggage'],
  batch: { scheduleDelayMs: 500, maxQueueSize: 4096 },
  timeoutMs: 5000,
  redaction: createRedactor(),
};
const tracing: TracingHandle = startTracing(options);
startTracing({ exporter: 'none', redaction: false, disabled: true });
// @ts-expect-error: misspelt option (serviceName)
startTracing({ service: 'checkout' });
// @ts-expect-error: jaeger is not an exporter (Jaeger takes OTLP)
startTracing({ exporter: 'jaeger' });
// @ts-expect-error: not a sampler name
startTracing({ sampler: 'sometimes' });
// @ts-expect-error: misspelt batch option (scheduleDelayMs)
startTracing({ batch: { scheduleDelay: 500 } });
// @ts-expect-error: redaction is a Redactor or false, never true
startTracing({ redaction: true });

const tracer: Tracer = tracing.tracer('payments', '1.0.0');
expectTrue<Equal<ReturnType<TracingHandle['shutdown']>, Promise<SettleResult>>>(true);
expectTrue<Equal<SettleResult, 'done' | 'timeout' | 'failed'>>(true);
const running: TracingHandle | undefined = getTracing();
addSpanProcessor(new RedactingSpanProcessor(createRedactor()));
void [tracer, running];
