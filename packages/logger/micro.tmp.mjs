import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
const { createLogger } = await import(process.env.LIB ?? '/work/main/packages/logger/dist/src/index.js');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = new BasicTracerProvider().getTracer('b');
const fields = { user: 'u-12345', orderId: 42, amount: 99.95, ok: true, path: '/checkout/confirm' };
let sink = 0;
const log = createLogger({ service: 'bench', destinations: [{ write(e) { sink += e.line.length; }, flush: async () => {}, close: async () => {} }], flushOnExit: false });
tracer.startActiveSpan('x', (span) => {
  const res = [];
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 100000; i++) log.info('order confirmed', fields);
    res.push((performance.now() - t0) * 1e6 / 100000);
  }
  res.sort((a, b) => a - b);
  console.log(`median ${res[7].toFixed(0)} ns/rec, best ${res[0].toFixed(0)}`);
});
