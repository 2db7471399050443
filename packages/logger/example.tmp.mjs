import { trace, context } from '@opentelemetry/api';
import { ensureContextManager, withContext } from '@meridian/context';
import { createLogger, createStdoutDestination } from './dist/src/index.js';
ensureContextManager();
const span = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });
for (const format of ['json', 'pretty']) {
  const log = createLogger({ service: 'checkout', destinations: [createStdoutDestination({ format })], timeNow: () => Date.UTC(2026, 10, 21, 5, 30, 0, 123) });
  context.with(trace.setSpan(context.active(), span), () => withContext({ requestId: 'req-7' }, () => {
    log.child({ component: 'payments' }).info('payment accepted', { orderId: 42, amount: 99.95 });
    const err = new Error('card declined', { cause: Object.assign(new Error('issuer timeout'), { code: 'ETIMEDOUT' }) });
    log.error(err, { orderId: 43 });
  }));
  await log.close();
}
