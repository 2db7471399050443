import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = new BasicTracerProvider().getTracer('b');
const fields = { user: 'u-12345', orderId: 42, amount: 99.95, ok: true, path: '/checkout/confirm' };
function mixin() { const s = trace.getSpan(context.active()); if (!s) return {}; const sc = s.spanContext(); return { trace_id: sc.traceId, span_id: sc.spanId, trace_flags: '0' + sc.traceFlags.toString(16) }; }
let sink = 0;
const stream = { write(s) { sink += s.length; } };
for (const [name, opts] of [['plain', {}], ['iso', { timestamp: pino.stdTimeFunctions.isoTime }], ['iso+mixin', { timestamp: pino.stdTimeFunctions.isoTime, mixin }]]) {
  const log = pino({ base: { service: 'bench' }, ...opts }, stream);
  tracer.startActiveSpan('x', (span) => {
    const res = [];
    for (let r = 0; r < 9; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 100000; i++) log.info(fields, 'order confirmed');
      res.push((performance.now() - t0) * 1e6 / 100000);
    }
    res.sort((a, b) => a - b);
    console.log(`${name}: median ${res[4].toFixed(0)} ns/rec, best ${res[0].toFixed(0)}`);
  });
}
