import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SinkRequest {
  /** The log lines of this request, parsed. */
  readonly records: { i: number; [k: string]: unknown }[];
  readonly at: number;
  readonly encoding: string | undefined;
  readonly wireBytes: number;
}

export interface SinkAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
}

/**
 * A local NDJSON log sink on 127.0.0.1: decodes gzip, records every request, answers through
 * `answer` (default 200). `accepted` holds the records of every 2xx answer minus those the answer
 * listed as rejected — what a real backend would have stored.
 */
export class Sink {
  readonly requests: SinkRequest[] = [];
  readonly accepted: { i: number; [k: string]: unknown }[] = [];
  answer: (req: SinkRequest, n: number) => SinkAnswer = () => ({ status: 200 });
  private server: Server | undefined;
  port = 0;

  /** Forget what was received and answer 200 again (between tests sharing one sink). */
  reset(): void {
    this.requests.length = 0;
    this.accepted.length = 0;
    this.answer = () => ({ status: 200 });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/logs`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Stop listening and cut open connections (the collector "blips"). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s === undefined) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const encoding = req.headers['content-encoding'];
    const text = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const records = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { i: number });
    const r: SinkRequest = { records, at: Date.now(), encoding, wireBytes: raw.length };
    this.requests.push(r);
    const a = this.answer(r, this.requests.length);
    if (a.delayMs) await new Promise((x) => setTimeout(x, a.delayMs));
    if (a.status >= 200 && a.status < 300) {
      const rejected = new Set(((a.body as { rejected?: { index: number }[] } | undefined)?.rejected ?? []).map((x) => x.index));
      records.forEach((rec, idx) => {
        if (!rejected.has(idx)) this.accepted.push(rec);
      });
    }
    const body = a.body === undefined ? '' : JSON.stringify(a.body);
    res.writeHead(a.status, { ...(a.body === undefined ? {} : { 'content-type': 'application/json' }), ...a.headers });
    res.end(body);
  }

  /** Indices accepted, sorted; with duplicates if any record was stored twice. */
  acceptedIds(): number[] {
    return this.accepted.map((r) => r.i).sort((a, b) => a - b);
  }
}

export function range(n: number, from = 0): number[] {
  return Array.from({ length: n }, (_, k) => k + from);
}
