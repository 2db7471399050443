/**
 * Delivery mode `close` (the default): one connection per batch, confirmed end to end.
 * We write the batch, then half-close (FIN). Logstash's tcp input reads up to our FIN and then
 * closes its side (Netty closes a channel on end of input), so its FIN reaching us proves that
 * the input *read every byte* of the batch. Only then does the batch count as delivered; any error,
 * reset, close without that FIN, or the export timeout means "may not have arrived": the whole
 * batch is sent again on a new connection (at least once — never lost, possibly twice).
 */
import type { Socket } from 'node:net';
import { openSocket, type SocketOptions } from './logstash-socket.js';

export class ClosingDelivery {
  private session: Buffer | undefined;
  private readonly open = new Set<Socket>();
  private closed = false;
  /** Connections opened so far. */
  opened = 0;

  constructor(private readonly o: SocketOptions) {}

  async deliver(body: Uint8Array, signal: AbortSignal): Promise<void> {
    if (this.closed) throw new Error('exporter shut down');
    const sock = await openSocket(this.o, signal, this.session, (s) => {
      this.session = s;
    });
    this.opened++;
    this.open.add(sock);
    try {
      await new Promise<void>((resolve, reject) => {
        let finished = false;
        let peerEnded = false;
        const fail = (why: string): void => {
          signal.removeEventListener('abort', onAbort);
          sock.destroy();
          reject(new Error(why));
        };
        const onAbort = (): void => fail('no end-to-end confirmation before the export timeout (Logstash stalled or unreachable)');
        signal.addEventListener('abort', onAbort, { once: true });
        sock.on('error', (err) => fail(err.message));
        // the tcp input never writes; reading lets us see its FIN
        sock.on('data', () => undefined);
        sock.on('finish', () => {
          finished = true;
        });
        // a FIN before our whole batch went out is Logstash going away, not a confirmation
        sock.on('end', () => {
          peerEnded = finished;
        });
        sock.on('close', () => {
          signal.removeEventListener('abort', onAbort);
          if (peerEnded) resolve();
          else reject(new Error('connection closed before Logstash confirmed the end of the batch'));
        });
        sock.end(body);
      });
    } finally {
      this.open.delete(sock);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }
}
