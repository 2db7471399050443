// A winston service on Meridian. Run with
//   OTEL_SERVICE_NAME=orders node --import @meridian/node/register dist/server.js
// then: curl '127.0.0.1:8080/order?email=jane@example.com'  — the e-mail comes out as [REDACTED:email].
import { createServer } from 'node:http';
import { startMeridian, shutdown } from '@meridian/node';
import { closeWinston, createWinstonLogger } from '@meridian/winston';
import type winston from 'winston';

// register already started Meridian (tracing + the default logger from MERIDIAN_*/OTEL_*);
// without --import this call starts it. The winston logger writes through that Meridian logger.
const meridian = startMeridian();
const log: winston.Logger = createWinstonLogger({ logger: meridian.logger });

const port = Number(process.env['PORT'] ?? 8080);
let orders = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/order') {
    orders++;
    // Existing winston call sites, unchanged: splat, metadata, levels.
    log.info('order %d placed by %s', orders, url.searchParams.get('email') ?? 'anonymous', { path: url.pathname });
    log.http('request served', { method: req.method, status: 200 }); // http is below info: shown with MERIDIAN_LOG_LEVEL=debug
    res.end(`order ${orders}\n`);
    return;
  }
  log.warn('not found', { path: url.pathname });
  res.statusCode = 404;
  res.end();
});

server.listen(port, '127.0.0.1', () => log.info('listening', { port }));

process.once('SIGTERM', () => {
  server.close();
  // Wait for every winston record to reach Meridian, then flush Meridian (logs and spans).
  void closeWinston(log).then(() => shutdown());
});
