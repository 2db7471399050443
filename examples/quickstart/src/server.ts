// Quick start: run with
//   OTEL_SERVICE_NAME=quickstart node --import @meridian/node/register dist/server.js
// Every line below comes out as one UTC-stamped JSON line carrying the request's trace ids.
import { createServer } from 'node:http';
import { trace } from '@opentelemetry/api';
import { logger } from '@meridian/node';
import { withContext } from '@meridian/context';

const tracer = trace.getTracer('quickstart');
const port = Number(process.env['PORT'] ?? 0);

const server = createServer((req, res) => {
  const requestId = req.headers['x-request-id']?.toString() ?? Math.random().toString(36).slice(2, 10);
  withContext({ request_id: requestId }, () =>
    tracer.startActiveSpan(`${req.method} ${req.url}`, (span) => {
      logger.info('handling request', { method: req.method, path: req.url });
      if (req.url === '/fail') {
        logger.error(new Error('payment declined', { cause: new Error('card expired') }));
        res.statusCode = 502;
      }
      res.end('ok\n');
      span.end();
    }),
  );
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  logger.info('listening', { port: actual });
  process.send?.({ port: actual });
});

process.on('SIGTERM', () => server.close());
