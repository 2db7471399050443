// Run: OTEL_SERVICE_NAME=orders PORT=3000 node --import @meridian/node/register dist/server.js
import express from 'express';
import { meridianErrorHandler, meridianExpress } from '@meridian/express';
import { logger } from '@meridian/node';

const app = express();
app.use(express.json());
app.use(meridianExpress()); // SERVER span per request, request context, req.log, access log, server-timing

app.get('/orders/:id', (req, res) => {
  req.log.info('loading order', { orderId: req.params.id }); // carries trace_id, span_id, request_id
  res.json({ id: req.params.id, status: 'paid' });
});

app.post('/orders', async (req, res) => {
  req.log.debug('new order', { body: req.body }); // card numbers, e-mails… in the body are masked
  const stock = await fetch(`http://127.0.0.1:${port()}/orders/stock-check`); // traceparent injected
  res.status(stock.ok ? 201 : 502).json({ ok: stock.ok });
});

app.use(meridianErrorHandler()); // records errors on the span, then passes them on

function port(): number {
  return Number(process.env['PORT'] ?? 3000);
}

const server = app.listen(port(), () => logger.info('listening', { port: port() }));
process.on('SIGTERM', () => server.close());
