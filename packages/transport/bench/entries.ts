import type { LogEntry } from '../src/index.js';

/** Deterministic pseudo-random log lines shaped like a payments API's access and app logs. */
export function realisticEntries(n: number): LogEntry[] {
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const hex = (len: number): string => Array.from({ length: len }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const routes = ['/v1/charges', '/v1/charges/:id', '/v1/customers', '/v1/refunds', '/v1/payment_intents/:id/confirm', '/healthz', '/v1/invoices'];
  const msgs = [
    'request completed',
    'charge authorized',
    'idempotent replay',
    'customer updated',
    'webhook enqueued',
    'card declined by issuer',
    'retrying upstream call',
  ];
  const agents = [
    'okhttp/4.12.0',
    'Stripe/v1 NodeBindings/14.5.0',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',
    'python-requests/2.31.0',
  ];
  const out: LogEntry[] = [];
  let time = Date.UTC(2026, 10, 21, 5, 0, 0);
  for (let i = 0; i < n; i++) {
    time += Math.floor(rnd() * 40);
    const status = rnd() < 0.9 ? 200 : pick([201, 400, 402, 404, 409, 500, 503]);
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    const line = JSON.stringify({
      time: new Date(time).toISOString(),
      level,
      msg: pick(msgs),
      service: 'payments-api',
      env: 'prod',
      region: 'eu-west-1',
      trace_id: hex(32),
      span_id: hex(16),
      request_id: `req_${hex(24)}`,
      http: {
        method: pick(['GET', 'POST', 'POST', 'DELETE']),
        route: pick(routes),
        status_code: status,
        user_agent: pick(agents),
        client_ip: `10.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`,
      },
      duration_ms: Math.round(rnd() * 250 * 100) / 100,
      customer_id: `cus_${hex(14)}`,
      amount: Math.floor(rnd() * 100000),
      currency: pick(['eur', 'usd', 'gbp']),
    });
    out.push({ time, level, levelValue: level === 'error' ? 50 : level === 'warn' ? 40 : 30, line });
  }
  return out;
}
