import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface ReceivedLine {
  /** Which connection (1, 2, …) the line came on. */
  readonly conn: number;
  readonly doc: Record<string, unknown>;
}

/**
 * A stand-in for Logstash's `tcp` input with `codec => json_lines` on 127.0.0.1: records every
 * complete line (parsed), counts lines that are not JSON objects, and can be stopped (open
 * connections are destroyed with whatever they had not read — as a restarting Logstash does) and
 * started again on the same port.
 */
export class JsonLinesServer {
  readonly lines: ReceivedLine[] = [];
  invalid = 0;
  connections = 0;
  /** TLS handshake failures (client refused). */
  readonly tlsErrors: string[] = [];
  port = 0;
  /** Stop reading every connection (see `pause`) as soon as this many lines have arrived: a deterministic mid-stream stall. */
  pauseAfter = Infinity;
  /** Set once `pauseAfter` took effect. */
  paused = false;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly tls?: TlsOptions) {}

  async start(port = this.port): Promise<this> {
    const onSocket = (s: Socket): void => this.accept(s);
    const server = this.tls ? createTlsServer(this.tls, onSocket) : createNetServer(onSocket);
    if (this.tls) server.on('tlsClientError', (err: Error) => this.tlsErrors.push(err.message));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `${this.tls ? 'tls' : 'tcp'}://127.0.0.1:${this.port}`;
  }

  private accept(s: Socket): void {
    const conn = ++this.connections;
    this.sockets.add(s);
    if (this.paused) s.pause(); // a stalled Logstash reads no new connection either
    const dec = new StringDecoder('utf8');
    let buf = '';
    s.on('data', (chunk: Buffer) => {
      buf += dec.write(chunk);
      let at = 0;
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(at, nl);
        at = nl + 1;
        try {
          const doc: unknown = JSON.parse(line);
          if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
            this.lines.push({ conn, doc: doc as Record<string, unknown> });
            if (this.lines.length >= this.pauseAfter && !this.paused) this.pause();
          } else this.invalid++;
        } catch {
          this.invalid++;
        }
        nl = buf.indexOf('\n', at);
      }
      buf = buf.slice(at);
    });
    s.on('error', () => undefined);
    s.on('close', () => this.sockets.delete(s));
  }

  /** Stop reading every open connection (what arrives stays unread in the kernel, as with a stalled Logstash). */
  pause(): void {
    this.paused = true;
    for (const s of this.sockets) s.pause();
  }

  /**
   * Stop listening and drop every open connection with a reset (unread bytes are lost, the client sees
   * ECONNRESET), as a crashing Logstash's kernel does. A plain destroy() would send a FIN whenever the
   * kernel buffer happens to be empty — even with bytes still unread in this process — which a client
   * cannot tell from Logstash's confirming close.
   */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.paused = false; // a restarted Logstash reads again
    this.pauseAfter = Infinity;
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
