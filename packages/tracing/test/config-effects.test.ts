import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { context, propagation, trace } from '@opentelemetry/api';
import { loadConfig } from '@meridian/config';
import { getContext, withContext } from '@meridian/context';
import { startTracing } from '../src/index.js';
import { RecordingExporter } from './helpers.js';

const indexUrl = new URL('../src/index.js', import.meta.url).href;

test('OTEL_TRACES_SAMPLER=traceidratio with ratio 0: spans are not recorded and nothing is exported', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }), exporter });
  for (let i = 0; i < 50; i++) {
    const s = tracing.tracer().startSpan(`s${i}`);
    assert.equal(s.isRecording(), false);
    s.end();
  }
  await tracing.forceFlush();
  assert.equal(exporter.spans.length, 0);
  await tracing.shutdown();
});

test('parentbased_always_off drops root spans; always_on (default parentbased_always_on) keeps them', async () => {
  const off = new RecordingExporter();
  let t = startTracing({ config: loadConfig({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }), exporter: off });
  t.tracer().startSpan('root').end();
  await t.shutdown();
  assert.equal(off.spans.length, 0);

  const on = new RecordingExporter();
  t = startTracing({ config: loadConfig({}), exporter: on });
  t.tracer().startSpan('root').end();
  await t.shutdown();
  assert.deepEqual(on.names(), ['root']);
});

test('OTEL_SDK_DISABLED=true: a no-op handle, non-recording spans, context still works', async () => {
  const tracing = startTracing({ config: loadConfig({ OTEL_SDK_DISABLED: 'true' }) });
  assert.equal(tracing.enabled, false);
  const fields = await withContext({ requestId: 'r1' }, () =>
    tracing.tracer().startActiveSpan('x', async (span) => {
      assert.equal(span.isRecording(), false);
      await new Promise((r) => setTimeout(r, 1));
      span.end();
      return getContext();
    }),
  );
  assert.deepEqual(fields, { requestId: 'r1' });
  await tracing.forceFlush();
  await tracing.shutdown();
});

test('spans and request fields share one context manager (the provider does not install a second)', async () => {
  const exporter = new RecordingExporter();
  const tracing = startTracing({ config: loadConfig({}), exporter });
  const seen = await withContext({ requestId: 'r7' }, () =>
    tracing.tracer().startActiveSpan('handler', async (span) => {
      await new Promise((r) => setTimeout(r, 2));
      const inner = await withContext({ step: 'db' }, async () => {
        await new Promise((r) => setImmediate(r));
        return { fields: getContext(), spanId: trace.getActiveSpan()?.spanContext().spanId };
      });
      span.end();
      return { ...inner, expected: span.spanContext().spanId };
    }),
  );
  assert.deepEqual(seen.fields, { requestId: 'r7', step: 'db' });
  assert.equal(seen.spanId, seen.expected);
  await tracing.shutdown();
  assert.equal(exporter.spans.length, 1);
});

test('OTEL_PROPAGATORS: tracecontext+baggage by default; none writes no header', async () => {
  let tracing = startTracing({ config: loadConfig({}), exporter: 'none' });
  let carrier: Record<string, string> = {};
  tracing.tracer().startActiveSpan('p', (span) => {
    const ctx = propagation.setBaggage(context.active(), propagation.createBaggage({ tenant: { value: 'acme' } }));
    propagation.inject(ctx, carrier);
    span.end();
  });
  // flags 03: sampled, and the Level 2 random-trace-id flag on a trace we started (strict propagator)
  assert.match(carrier.traceparent ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-03$/);
  assert.equal(carrier.baggage, 'tenant=acme');
  await tracing.shutdown();

  tracing = startTracing({ config: loadConfig({ OTEL_PROPAGATORS: 'none' }), exporter: 'none' });
  carrier = {};
  tracing.tracer().startActiveSpan('p', (span) => {
    propagation.inject(context.active(), carrier);
    span.end();
  });
  assert.deepEqual(carrier, {});
  await tracing.shutdown();
});

function runChild(env: Record<string, string>, body: string) {
  const script = `import { startTracing } from ${JSON.stringify(indexUrl)};\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

test('OTEL_TRACES_EXPORTER=console prints each ended span on stdout, as one JSON line', () => {
  const r = runChild(
    { OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'console-svc' },
    `
    const t = startTracing();
    t.tracer().startSpan('printed-span', { attributes: { 'k': 'v' } }).end();
    await t.shutdown();
  `,
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter((l) => l !== '').length, 1, r.stdout);
  const line = JSON.parse(r.stdout) as { name: string; trace_id: string; attributes: Record<string, string> };
  assert.equal(line.name, 'printed-span');
  assert.match(line.trace_id, /^[0-9a-f]{32}$/);
  assert.deepEqual(line.attributes, { k: 'v' });
});

test('OTEL_LOG_LEVEL routes SDK diagnostics to stderr (never stdout); none keeps them silent', () => {
  const body = `
    const t = startTracing();
    t.tracer().startSpan('x').end();
    await t.shutdown();
  `;
  // port 9 on loopback: nothing listens, so the export fails and the SDK reports it
  // OTEL_EXPORTER_OTLP_TIMEOUT bounds the exporter's retries, so the child exits quickly
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_TIMEOUT: '400', MERIDIAN_SHUTDOWN_TIMEOUT_MS: '3000' };
  const loud = runChild({ ...env, OTEL_LOG_LEVEL: 'debug' }, body);
  assert.equal(loud.status, 0, loud.stderr);
  assert.match(loud.stderr, /^meridian: otel (debug|error|warn): /m);
  assert.equal(loud.stdout, '');
  const quiet = runChild({ ...env, OTEL_LOG_LEVEL: 'none' }, body);
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /meridian: otel/);
});

test('OTEL_TRACES_SAMPLER=meridian_adaptive is not reported as invalid by the SDK', () => {
  // The SDK reads OTEL_TRACES_SAMPLER for its own defaults and calls Meridian's sampler invalid
  // ("defaulting to parentbased_always_on"), which is false: that message is filtered, others are not.
  const ok = runChild(
    { OTEL_TRACES_SAMPLER: 'meridian_adaptive', OTEL_TRACES_EXPORTER: 'none', OTEL_LOG_LEVEL: 'info' },
    `
    const t = startTracing({ serviceName: 'adaptive' });
    process.stdout.write('enabled=' + t.enabled);
    await t.shutdown();
  `,
  );
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, 'enabled=true');
  assert.doesNotMatch(ok.stderr, /invalid/i, ok.stderr);
  const bad = runChild(
    { OTEL_TRACES_SAMPLER: 'sometimes', OTEL_TRACES_EXPORTER: 'none' },
    `
    const t = startTracing({ serviceName: 'bad' });
    await t.shutdown();
  `,
  );
  assert.equal(bad.status, 0, bad.stderr);
  assert.match(bad.stderr, /OTEL_TRACES_SAMPLER/, 'a value nobody accepts is still reported');
});

test('OTEL_TRACES_SAMPLER=meridian_adaptive builds the adaptive sampler with its floor', async () => {
  const tracing = startTracing({
    config: loadConfig({ OTEL_TRACES_SAMPLER: 'meridian_adaptive', OTEL_TRACES_SAMPLER_ARG: '5', MERIDIAN_SAMPLER_FLOOR: '0.2' }),
    exporter: 'none',
  });
  const description = (tracing.provider as unknown as { _config?: { sampler?: { toString(): string } } })._config?.sampler?.toString() ?? '';
  let sampled = 0;
  for (let i = 0; i < 400; i++) {
    tracing.tracer().startActiveSpan('root', { root: true }, (span) => {
      if (span.isRecording()) sampled++;
      span.end();
    });
  }
  await tracing.shutdown();
  // 400 roots started at once: the budget (5/s) is far exceeded, yet the floor keeps ≥ 20 % in expectation.
  assert.ok(sampled >= 40, `floor 0.2 keeps a share of roots, sampled ${sampled} of 400 (${description})`);
  assert.ok(sampled < 400, `the budget lowers the rate, sampled ${sampled} of 400`);
});
