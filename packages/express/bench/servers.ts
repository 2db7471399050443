/**
 * The hello-world services of the benchmark, one per case, each started in its own process by
 * http.bench.ts (`node dist/bench/http.bench.js --serve <case>`). Tracing exports over OTLP/HTTP to
 * the runner's no-op receiver (OTEL_EXPORTER_OTLP_ENDPOINT), so exporting costs what it costs in
 * production minus the network.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CASES = [
  'express-bare',
  'express-meridian',
  'express-meridian-sampled',
  'express-otel',
  'fastify-bare',
  'fastify-meridian',
  'fastify-meridian-sampled',
  'fastify-otel',
  // Where Meridian's cost goes: the same Fastify service without the access-log line, then also without export.
  'fastify-meridian-nolog',
  'fastify-meridian-nolog-noexport',
  'express-meridian-nolog',
  'express-meridian-nolog-noexport',
  // Meridian with tracing off (OTEL_SDK_DISABLED): request context and the access-log line only.
  'express-meridian-notrace',
  'fastify-meridian-notrace',
  // Calibration — what the parts cost without Meridian: one pino line per request (pino is Fastify's
  // own logger: Fastify's built-in request logging, 2 lines per request; for Express one line on
  // finish), and a bare OpenTelemetry SDK span per request (NodeTracerProvider, no processor, no
  // export, context entered for the handler).
  'express-pino',
  'fastify-pino',
  'express-sdkspan',
  'fastify-sdkspan',
] as const;
export type CaseName = (typeof CASES)[number];

/** Environment of a case's process (the breakdown cases switch parts of Meridian off through its own variables). */
export function caseEnv(name: CaseName): Record<string, string> {
  const env: Record<string, string> = {};
  if (name.includes('-nolog')) env.MERIDIAN_HTTP_ACCESS_LOG = 'false';
  if (name.includes('-noexport')) env.OTEL_TRACES_EXPORTER = 'none';
  if (name.includes('-notrace')) env.OTEL_SDK_DISABLED = 'true';
  // The production set-up the README recommends for hot services: every request keeps its context,
  // trace ids and access line; span recording and export follow meridian_adaptive's budget
  // (default 10 root traces/s, never below MERIDIAN_SAMPLER_FLOOR = 1 %).
  if (name.includes('-sampled')) env.OTEL_TRACES_SAMPLER = 'meridian_adaptive';
  return env;
}

async function startMeridianTelemetry(): Promise<void> {
  const { startTracing } = await import('@meridian/tracing');
  const { createLogger, createFileDestination, setDefaultLogger } = await import('@meridian/logger');
  startTracing({ serviceName: 'bench' });
  // Every request writes its access-log line (JSON, trace ids, request_id) through a real file destination.
  setDefaultLogger(createLogger({ destinations: [createFileDestination({ path: '/dev/null' })], service: 'bench' }));
}

/** Stock OpenTelemetry as its docs show it: NodeTracerProvider + batch OTLP/HTTP exporter + instrumentations. */
function startStockOtel(instrumentations: unknown[]): void {
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation');
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` }))],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  registerInstrumentations({ instrumentations });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

type Mode = 'bare' | 'meridian' | 'otel' | 'pino' | 'sdkspan';

/** pino, as installed with Fastify (its dependency), writing to /dev/null asynchronously. */
function pinoToDevNull(): { info(obj: object, msg: string): void } {
  const fromFastify = createRequire(require.resolve('fastify'));
  const pino = fromFastify('pino');
  return pino(pino.destination({ dest: '/dev/null', sync: false }));
}

/**
 * A bare SDK span per request: the floor any OpenTelemetry-SDK-based instrumentation pays. The
 * returned function starts the span, ends it when the response closes, and runs `next` in its context.
 */
function sdkSpanPerRequest(): (method: string, path: string, res: import('node:http').ServerResponse, next: () => void) => void {
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
  const provider = new NodeTracerProvider({ spanProcessors: [] });
  provider.register();
  const tracer = api.trace.getTracer('calibration');
  return (method, path, res, next) => {
    const span = tracer.startSpan(method, { kind: api.SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } });
    res.once('close', () => span.end());
    api.context.with(api.trace.setSpan(api.context.active(), span), next);
  };
}

async function express(mode: Mode): Promise<number> {
  if (mode === 'otel') {
    const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
    const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
    startStockOtel([new HttpInstrumentation(), new ExpressInstrumentation()]);
  }
  if (mode === 'meridian') await startMeridianTelemetry();
  // CommonJS require after the instrumentations are registered, so their require hooks see express and http.
  const expressFn = require('express') as typeof import('express');
  const app = expressFn();
  if (mode === 'meridian') {
    const { meridianExpress } = await import('../src/index.js');
    app.use(meridianExpress());
  }
  if (mode === 'pino') {
    const log = pinoToDevNull();
    app.use((req, res, next) => {
      const start = performance.now();
      res.once('finish', () => log.info({ method: req.method, url: req.url, status: res.statusCode, ms: performance.now() - start }, 'request completed'));
      next();
    });
  }
  if (mode === 'sdkspan') {
    const perRequest = sdkSpanPerRequest();
    app.use((req, res, next) => perRequest(req.method, req.path, res, next));
  }
  app.get('/hello/:name', (req, res) => {
    res.json({ hello: req.params.name });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return portOf(server);
}

async function fastify(mode: Mode): Promise<number> {
  let otelPlugin: unknown;
  if (mode === 'otel') {
    const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
    const FastifyOtelInstrumentation = require('@fastify/otel');
    const fastifyOtel = new FastifyOtelInstrumentation();
    startStockOtel([new HttpInstrumentation(), fastifyOtel]);
    otelPlugin = fastifyOtel.plugin();
  }
  if (mode === 'meridian') await startMeridianTelemetry();
  const Fastify = require('fastify') as typeof import('fastify').default;
  // 'pino': Fastify's own request logging (pino; 'incoming request' + 'request completed' per request).
  const app = mode === 'pino' ? Fastify({ logger: { level: 'info', stream: require('node:fs').createWriteStream('/dev/null') } }) : Fastify();
  if (mode === 'sdkspan') {
    const perRequest = sdkSpanPerRequest();
    app.addHook('onRequest', (request, reply, done) => perRequest(request.method, request.url, reply.raw, done));
  }
  if (otelPlugin !== undefined) await app.register(otelPlugin as Parameters<typeof app.register>[0]);
  if (mode === 'meridian') {
    // @meridian/fastify is not a dependency of @meridian/express: loaded from the workspace by path
    // (build it first: npx tsc -b packages/fastify).
    const url = new URL('../../../fastify/dist/src/index.js', import.meta.url).href;
    const { meridianFastify } = (await import(url)) as { meridianFastify: Parameters<typeof app.register>[0] };
    await app.register(meridianFastify);
  }
  app.get('/hello/:name', async (request) => ({ hello: (request.params as { name: string }).name }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return portOf(app.server);
}

export async function serve(name: CaseName): Promise<number> {
  const [framework, mode] = name.split('-') as ['express' | 'fastify', Mode]; // suffixes: caseEnv()
  return framework === 'express' ? express(mode) : fastify(mode);
}
