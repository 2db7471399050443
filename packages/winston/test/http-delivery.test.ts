import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import winston from 'winston';
import { createHttpNdjsonExporter, createTransport } from '@meridian/transport';
import { MeridianTransport, closeWinston, createWinstonLogger, meridianFormat } from '../src/index.js';
import { CARD, EMAIL, clean } from './helpers.js';

/** A local NDJSON sink on 127.0.0.1 answering after `delayMs`. */
async function startSink(delayMs: number) {
  const records: Record<string, unknown>[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      setTimeout(() => {
        for (const l of body.toString('utf8').split('\n')) if (l !== '') records.push(JSON.parse(l) as Record<string, unknown>);
        res.end('{}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logs`;
  return {
    records,
    url,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

test('through a real @meridian/transport to a local HTTP sink: end() and close wait for the acknowledgement', async () => {
  const sink = await startSink(100);
  try {
    // batchDelayMs 60 s: nothing would be sent before close() if close did not flush.
    const transport = createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url }), batchDelayMs: 60_000 });
    const logger = winston.createLogger({
      format: meridianFormat(),
      transports: [new MeridianTransport({ destinations: [transport], service: 'shop' })],
    });
    for (let i = 0; i < 200; i++) logger.info(`order ${i} by ${EMAIL}`, { i, card: CARD });
    logger.end();
    await new Promise((r) => logger.once('finish', r));
    assert.equal(sink.records.length, 200, "every record was acknowledged by the sink before 'finish'");
    assert.deepEqual(
      sink.records.map((r) => r.i),
      Array.from({ length: 200 }, (_, i) => i),
    );
    assert.ok(sink.records.every((r) => clean(JSON.stringify(r))));
    assert.equal(sink.records[0].service, 'shop');
    const stats = transport.getStats();
    assert.equal(stats.sent, 200);
    assert.equal(stats.droppedTotal, 0);
  } finally {
    await sink.stop();
  }
});

test('createWinstonLogger with a network transport: closeWinston waits for delivery', async () => {
  const sink = await startSink(50);
  try {
    const transport = createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url }), batchDelayMs: 60_000 });
    const logger = createWinstonLogger({ destinations: [transport], level: 'info' });
    logger.warn('disk %d%% full', 91, { host: 'db-1' });
    logger.error('payment failed for %s', EMAIL);
    assert.equal(await closeWinston(logger), 'done');
    // The error takes the urgent lane and may arrive first: compare regardless of order.
    const got = sink.records.map((r) => `${String(r.level)} ${String(r.message)}`).sort();
    assert.deepEqual(got, ['error payment failed for [REDACTED:email]', 'warn disk 91% full']);
  } finally {
    await sink.stop();
  }
});
