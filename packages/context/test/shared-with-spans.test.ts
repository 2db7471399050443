import { test } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ensureContextManager, getContext, getContextFrom, hasWorkingContextManager, withContext } from '../src/index.js';

test('ensureContextManager installs a working manager once and is idempotent', () => {
  assert.equal(hasWorkingContextManager(), false, 'the API starts with the no-op manager');
  assert.equal(ensureContextManager(), true);
  assert.equal(hasWorkingContextManager(), true);
  assert.equal(ensureContextManager(), true);
});

test('spans and fields share one context: a span started in a scope sees the fields and vice versa', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('t');
  const seen = await withContext({ requestId: 'r9' }, () =>
    tracer.startActiveSpan('work', async (span) => {
      await new Promise((res) => setTimeout(res, 1));
      const fields = getContext();
      const active = trace.getActiveSpan();
      span.end();
      return { fields, same: active === span, fromCtx: getContextFrom(context.active()) };
    }),
  );
  assert.deepEqual(seen.fields, { requestId: 'r9' });
  assert.equal(seen.same, true);
  assert.deepEqual(seen.fromCtx, { requestId: 'r9' });
  assert.equal(exporter.getFinishedSpans()[0]?.name, 'work');
  await provider.shutdown();
});
