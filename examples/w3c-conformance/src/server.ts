/**
 * W3C Trace Context conformance service.
 *   pnpm --dir examples/w3c-conformance start        (env PORT, default 0 = any; FRAMEWORK=express|fastify)
 * Prints `listening on http://127.0.0.1:<port> (<framework>)` when ready.
 */
import express from 'express';
import Fastify, { LogController } from 'fastify';
import { instrumentExpress } from '@meridian/express';
import { meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { instrumentOutbound } from '@meridian/http';
import { parseTestCases, runTestCases } from './harness.js';

const port = Number(process.env.PORT ?? 0);
const framework = process.env.FRAMEWORK ?? 'express';

// Idempotent: a no-op when @meridian/node/register already instrumented outbound requests.
instrumentOutbound();

async function startExpress(): Promise<number> {
  const app = express();
  instrumentExpress(app);
  // The harness may omit the content type: read every body as JSON.
  app.use(express.json({ type: () => true }));
  app.post('/test', async (req, res) => {
    const cases = parseTestCases(req.body);
    if (typeof cases === 'string') {
      res.status(400).type('text').send(cases);
      return;
    }
    await runTestCases(cases);
    res.sendStatus(200);
  });
  const server = app.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as { port: number }).port;
}

async function startFastify(): Promise<number> {
  const app = Fastify({ loggerInstance: meridianFastifyLogger(), logController: new LogController({ disableRequestLogging: true }) });
  await app.register(meridianFastify);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (e) {
      (e as { statusCode?: number }).statusCode = 400;
      done(e as Error, undefined);
    }
  });
  app.post('/test', async (request, reply) => {
    const cases = parseTestCases(request.body);
    if (typeof cases === 'string') return reply.code(400).type('text/plain').send(cases);
    await runTestCases(cases);
    return reply.code(200).send();
  });
  await app.listen({ port, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
}

if (framework !== 'express' && framework !== 'fastify') {
  process.stderr.write(`FRAMEWORK=${framework} is not supported; accepted: express, fastify\n`);
  process.exit(2);
}
const actual = framework === 'fastify' ? await startFastify() : await startExpress();
process.stdout.write(`listening on http://127.0.0.1:${actual} (${framework})\n`);
