/**
 * payments (Fastify, eu-central-1): charges a card. Instrumented only by
 * `node --import @meridian/node/register dist/payments.js` and OTEL_* / MERIDIAN_* variables.
 */
import Fastify, { LogController } from 'fastify';
import { trace } from '@opentelemetry/api';
import { setContextField } from '@meridian/context';
import { logger } from '@meridian/node';
import { meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { DECLINED_CARD } from './scenario.js';
import { announce } from './demo-link.js';

interface ChargeRequest {
  orderId: string;
  card: string;
  amount: number;
  currency: string;
  email: string;
}

/** What an issuer refusal looks like to Fastify: an error carrying the HTTP status to answer. */
class CardDeclinedError extends Error {
  readonly statusCode = 402;
  readonly code = 'CARD_DECLINED';
}

const app = Fastify({
  loggerInstance: meridianFastifyLogger(), // request.log writes Meridian lines
  logController: new LogController({ disableRequestLogging: true }), // Meridian's access line instead
});
await app.register(meridianFastify);

app.post<{ Body: ChargeRequest }>('/charges', async (request) => {
  const { orderId, card, amount, currency, email } = request.body;
  setContextField('order_id', orderId); // on every line this request writes from now on

  // Debug lines are held per request (MERIDIAN_DEBUG_BUFFER=on): written only if the request logs an error.
  request.log.debug({ amount, currency }, 'charge received');
  request.log.debug({ score: 0.12, rules: 14 }, 'risk check passed');

  // Personal data in the message, in fields and on the span: masked before anything leaves the process.
  request.log.info({ card, email }, `charging card ${card} ${amount} ${currency}, receipt to ${email}`);
  trace.getActiveSpan()?.setAttribute('payment.receipt_to', email);

  if (card === DECLINED_CARD) {
    const declined = new CardDeclinedError(`issuer declined card ${card} (do not honor)`);
    request.log.error({ err: declined, orderId }, 'charge failed');
    throw declined; // Fastify answers 402; the span records the exception and turns ERROR
  }
  return { orderId, chargeId: `ch_${orderId.toLowerCase()}`, status: 'captured' };
});

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
const port = Number(new URL(address).port);
logger.info('payments listening', { port });
announce('payments', port);
