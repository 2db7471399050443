// Run: OTEL_SERVICE_NAME=payments PORT=3001 node --import @meridian/node/register dist/server.js
import Fastify from 'fastify';
import { meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { logger } from '@meridian/node';

// request.log writes Meridian lines (UTC, trace ids, request_id, redacted) instead of pino's.
const app = Fastify({ loggerInstance: meridianFastifyLogger(logger) });
await app.register(meridianFastify); // SERVER span per request, request context, access log, server-timing

app.post('/charges', async (request, reply) => {
  const { amount } = request.body as { amount: number };
  request.log.info({ amount }, 'charging');
  if (amount > 1000) {
    request.log.warn('amount over the limit');
    return reply.code(402).send({ declined: true });
  }
  return { charged: amount };
});

const port = Number(process.env['PORT'] ?? 3001);
await app.listen({ port, host: '127.0.0.1' });
logger.info('listening', { port });
process.on('SIGTERM', () => void app.close());
