/**
 * checkout (Express, ap-east-1): takes an order payment and asks payments, in another region, to
 * charge the card. Instrumented only by `node --import @meridian/node/register dist/checkout.js` and
 * OTEL_* / MERIDIAN_* variables (register also traces outbound `fetch`); PAYMENTS_URL says where payments is.
 */
import express from 'express';
import { trace } from '@opentelemetry/api';
import { setContextField } from '@meridian/context';
import { logger } from '@meridian/node';
import { instrumentExpress } from '@meridian/express';
import { announce } from './demo-link.js';

const paymentsUrl = process.env.PAYMENTS_URL ?? 'http://127.0.0.1:4002';

interface PayBody {
  card?: string;
  phone?: string;
  amount: number;
  currency: string;
}

const app = express();
instrumentExpress(app); // first: SERVER span, request context, req.log, access line
app.use(express.json());

app.post('/orders/:orderId/pay', async (req, res) => {
  const { orderId } = req.params;
  const body = req.body as PayBody;
  const card = body.card ?? String(req.query.card);
  const email = String(req.query.receipt);
  const phone = body.phone ?? String(req.query.sms);
  setContextField('order_id', orderId); // on every line this request writes from now on

  // Held per request (MERIDIAN_DEBUG_BUFFER=on), written only if this request logs an error.
  req.log.debug('cart loaded', { orderId, items: 2, amount: body.amount, currency: body.currency });

  // Personal data in the message, in fields and on the span: masked before anything leaves the process.
  req.log.info(`order ${orderId}: paying with card ${card}, receipt to ${email}, sms to ${phone}`, { card, email, phone });
  trace.getActiveSpan()?.setAttribute('customer.contact', `${email} / ${phone}`);

  req.log.debug('calling payments', { url: `${paymentsUrl}/charges` });
  const answer = await fetch(`${paymentsUrl}/charges`, {
    // CLIENT span; traceparent carries the trace to payments
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, card, amount: body.amount, currency: body.currency, email }),
  });
  const result = (await answer.json()) as { chargeId?: string; code?: string };

  if (!answer.ok) {
    req.log.error(`payment of order ${orderId} failed: payments answered ${answer.status}`, { status: answer.status, reason: result.code, email });
    res.status(402).json({ orderId, status: 'declined' });
    return;
  }
  req.log.info('order paid', { orderId, chargeId: result.chargeId });
  res.json({ orderId, status: 'paid', chargeId: result.chargeId });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  logger.info('checkout listening', { port, payments: paymentsUrl });
  announce('checkout', port);
});
