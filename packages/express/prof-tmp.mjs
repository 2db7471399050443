import http from 'node:http';
import express from 'express';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '@meridian/tracing';
import { createLogger } from '@meridian/logger';
import { meridianExpress } from './dist/src/index.js';
const mode = process.argv[2];
const exporter = new InMemorySpanExporter();
if (mode !== 'bare') startTracing({ exporter, serviceName: 't' });
const lines = [];
const logger = createLogger({ destinations: [{ write(e) { lines.push(e.line); }, async flush() {}, async close() {} }], flushOnExit: false });
const app = express();
if (mode !== 'bare') app.use(meridianExpress({ logger, accessLog: mode === 'full' }));
app.use(express.json());
app.post('/work', async (req, res) => { logger.info('a'); await new Promise((r) => setTimeout(r, Math.random() * 20)); logger.info('b'); res.json({ ok: req.body.n }); });
const server = http.createServer(app);
await new Promise((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, r));
const url = `http://127.0.0.1:${server.address().port}`;
for (let round = 0; round < 2; round++) {
let t = performance.now();
await Promise.all(Array.from({ length: 1000 }, async (_, i) => { const r = await fetch(`${url}/work`, { method: 'POST', headers: {'content-type':'application/json'}, body: JSON.stringify({ n: i }) }); await r.json(); }));
console.log(mode, 'fetch', Math.round(performance.now() - t), lines.length);
}
server.close();
process.exit(0);
