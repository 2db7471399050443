// A local NDJSON sink in its own process (so it does not share the benchmark's event loop).
// Reports its port over IPC, answers 200, counts records and bytes; replies to 'stats'.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

let records = 0;
let wireBytes = 0;
let rawBytes = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
    wireBytes += body.length;
    rawBytes += raw.length;
    let n = 0;
    for (let i = raw.indexOf(10); i !== -1; i = raw.indexOf(10, i + 1)) n++;
    records += n;
    res.writeHead(200);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (m) => {
  if (m === 'stats') process.send!({ records, wireBytes, rawBytes });
  if (m === 'reset') records = wireBytes = rawBytes = 0;
  if (m === 'exit') server.close(() => process.exit(0));
});
