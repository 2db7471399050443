/**
 * The customers' requests to checkout, one after the other. Each answer's `server-timing` header
 * names the trace Meridian started for it, which is how the checks find that request's trace.
 */
import type { Customer } from './scenario.js';

export interface DrivenRequest {
  readonly customer: Customer;
  readonly method: 'POST';
  /** Path and query as sent. */
  readonly path: string;
  readonly status: number;
  /** `status` of checkout's JSON answer (`paid` / `declined`), if it answered JSON. */
  readonly outcome: string | undefined;
  /** From `server-timing: trace;desc=00-<trace-id>-<span-id>-<flags>`; undefined when the header is missing. */
  readonly traceId: string | undefined;
  /** The checkout SERVER span, from the same header. */
  readonly spanId: string | undefined;
  /** `x-request-id` echoed by checkout. */
  readonly requestId: string | undefined;
}

const SERVER_TIMING = /trace;desc="?00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}/;

/** The request a customer's client sends: contact details in the query string, the card in the body (or query). */
export function requestOf(c: Customer): { path: string; body: Record<string, unknown> } {
  const query = new URLSearchParams({ receipt: c.email, sms: c.phone });
  const body: Record<string, unknown> = { amount: c.amount, currency: c.currency };
  if (c.cardIn === 'query') query.set('card', c.card);
  else body.card = c.card;
  if (c.phone.startsWith('+852')) body.phone = c.phone; // one client sends the phone in the body too
  return { path: `/orders/${c.orderId}/pay?${query.toString()}`, body };
}

export async function drive(checkoutUrl: string, customers: readonly Customer[], timeoutMs: number): Promise<DrivenRequest[]> {
  const out: DrivenRequest[] = [];
  for (const customer of customers) {
    const { path, body } = requestOf(customer);
    const res = await fetch(`${checkoutUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `demo-${customer.orderId.toLowerCase()}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let outcome: string | undefined;
    try {
      outcome = (JSON.parse(text) as { status?: string }).status;
    } catch {
      outcome = undefined;
    }
    const m = SERVER_TIMING.exec(res.headers.get('server-timing') ?? '');
    out.push({
      customer,
      method: 'POST',
      path,
      status: res.status,
      outcome,
      traceId: m?.[1],
      spanId: m?.[2],
      requestId: res.headers.get('x-request-id') ?? undefined,
    });
  }
  return out;
}
