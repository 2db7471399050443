import assert from 'node:assert/strict';
import { it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed } from '@opentelemetry/core';
import { loadConfig } from '@meridian/config';
import { createTransport, type Exporter } from '../src/index.js';
import { entry } from './helpers/entries.js';

it("exports run outside the caller's trace, with tracing suppressed (no spans of our own in users' traces)", async () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  try {
    const seen: Array<{ span: boolean; suppressed: boolean }> = [];
    const exporter: Exporter = {
      name: 'ctx',
      network: false,
      encode: (r) => r.map((e) => e.line).join('\n'),
      async send() {
        seen.push({ span: trace.getSpan(context.active()) !== undefined, suppressed: isTracingSuppressed(context.active()) });
        return { outcome: 'ok' };
      },
    };
    const t = createTransport({ exporter, config: loadConfig({}), batchDelayMs: 5 });
    const parent = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });
    context.with(trace.setSpan(context.active(), parent), () => {
      t.write(entry(1));
      t.write(entry(2, 'error'));
    });
    await t.flush();
    await t.close();
    assert.ok(seen.length >= 1);
    for (const s of seen) assert.deepEqual(s, { span: false, suppressed: true });
  } finally {
    context.disable();
  }
});
