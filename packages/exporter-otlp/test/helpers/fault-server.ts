import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SeenRequest {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Inflated body. */
  body: Buffer;
}

export type Reply =
  { kind: 'status'; status: number; headers?: Record<string, string>; body?: Buffer | string } | { kind: 'forward' } | { kind: 'reset' } | { kind: 'hang' };

/**
 * A loopback OTLP endpoint for fault injection: `plan(n, req)` decides what request n (0-based)
 * gets — a status of our choosing, a connection reset, no answer at all, or forwarding to `forwardTo` (a devtools
 * collector, which decodes and keeps the records).
 */
export interface FaultServer {
  url: string;
  seen: SeenRequest[];
  plan: (n: number, req: SeenRequest) => Reply;
  close(): Promise<void>;
}

export async function startFaultServer(forwardTo: string | undefined, plan: FaultServer['plan']): Promise<FaultServer> {
  const server = http.createServer();
  const fs: FaultServer = {
    url: '',
    seen: [],
    plan,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(rawBody) : rawBody;
      const seen: SeenRequest = { at: Date.now(), path: req.url ?? '', headers: req.headers, body };
      const n = fs.seen.length;
      fs.seen.push(seen);
      const reply = fs.plan(n, seen);
      if (reply.kind === 'hang') return;
      if (reply.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (reply.kind === 'status') {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
        return;
      }
      const headers: Record<string, string> = { 'content-type': String(req.headers['content-type']) };
      if (req.headers['content-encoding'] !== undefined) headers['content-encoding'] = String(req.headers['content-encoding']);
      const fwd = http.request(`${forwardTo}/v1/logs`, { method: 'POST', headers }, (up) => {
        const out: Buffer[] = [];
        up.on('data', (c: Buffer) => out.push(c));
        up.on('end', () => {
          res.writeHead(up.statusCode ?? 502, { 'content-type': String(up.headers['content-type'] ?? 'application/x-protobuf') });
          res.end(Buffer.concat(out));
        });
      });
      fwd.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      fwd.end(rawBody);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fs.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fs;
}
