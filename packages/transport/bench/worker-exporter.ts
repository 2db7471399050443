// Experiment only (not shipped): an exporter that moves encoding, gzip and the HTTP POST to a
// worker_threads worker. The transport hands it lines with compression 'none'; the main thread
// pays one postMessage (structured clone of the line strings) per batch.
import { Worker } from 'node:worker_threads';
import type { ExportResult, Exporter } from '../src/index.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const zlib = require('node:zlib');
const agent = new http.Agent({ keepAlive: true });
parentPort.on('message', ({ id, lines }) => {
  const body = zlib.gzipSync(lines.join('\\n') + '\\n');
  const req = http.request(workerData.url, { method: 'POST', agent, headers: { 'content-encoding': 'gzip', 'content-length': body.length } }, (res) => {
    res.resume();
    res.on('end', () => parentPort.postMessage({ id, status: res.statusCode }));
  });
  req.on('error', () => parentPort.postMessage({ id, status: 0 }));
  req.end(body);
});`;

export function createWorkerExporter(url: string): Exporter & { terminate(): Promise<number> } {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url } });
  worker.unref();
  const waiting = new Map<number, (r: ExportResult) => void>();
  let next = 0;
  worker.on('message', ({ id, status }: { id: number; status: number }) => {
    const done = waiting.get(id)!;
    waiting.delete(id);
    done(status >= 200 && status < 300 ? { outcome: 'ok' } : { outcome: 'retryable', unavailable: true, error: `status ${status}` });
  });
  return {
    name: 'worker',
    network: true,
    encode: () => new Uint8Array(0),
    send(req) {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, lines: req.records.map((r) => r.line) });
      });
    },
    terminate: () => worker.terminate(),
  };
}
