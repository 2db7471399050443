/**
 * Delivery mode `window`: one long-lived connection. json_lines has no acknowledgements, so a
 * batch counts as delivered once its bytes were handed to the kernel AND the connection showed no
 * error, reset or close for `confirmMs` afterwards (a Logstash that dies with our bytes unread
 * answers with a reset within about one round trip). A batch whose window saw the connection die
 * is sent again, whole, on a new connection. Faster than `close` mode, but weaker: bytes written
 * while Logstash had stopped reading for longer than the window, then died, are lost (README).
 */
import type { Socket } from 'node:net';
import { openSocket, type SocketOptions } from './logstash-socket.js';

/** What happened to one socket; shared by every batch written on it. */
interface Health {
  dead: boolean;
  why: string | undefined;
}

export class WindowDelivery {
  private socket: Socket | undefined;
  private health: Health | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  /** Connections opened so far. */
  opened = 0;

  constructor(
    private readonly o: SocketOptions,
    private readonly confirmMs: number,
    private readonly idleTimeoutMs: number,
  ) {}

  async deliver(body: Uint8Array, signal: AbortSignal): Promise<void> {
    if (this.closed) throw new Error('exporter shut down');
    if (this.socket === undefined) {
      this.opening ??= this.open(signal).finally(() => {
        this.opening = undefined;
      });
      await this.opening;
    }
    const sock = this.socket;
    const health = this.health;
    if (sock === undefined || health === undefined) throw new Error('not connected');
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        // a write that does not drain before the export timeout: the peer is gone or stuck
        this.kill(sock, health, 'write timed out (Logstash not reading)');
        reject(new Error(health.why));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      sock.write(body, (err) => {
        signal.removeEventListener('abort', onAbort);
        if (err) {
          this.kill(sock, health, err.message);
          reject(new Error(health.why));
        } else resolve();
      });
    });
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.confirmMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
    if (health.dead) throw new Error(`connection lost within ${this.confirmMs} ms of writing: ${health.why}`);
    if (signal.aborted) throw new Error('export aborted during the confirmation window');
  }

  private async open(signal: AbortSignal): Promise<void> {
    const sock = await openSocket(this.o, signal);
    if (this.closed) {
      sock.destroy();
      throw new Error('exporter shut down');
    }
    const health: Health = { dead: false, why: undefined };
    // half-open detection: keep-alive probes (openSocket), close after idling (a NAT or firewall may
    // drop an idle flow silently; a fresh connect proves the peer is there), any error/end/close kills it
    sock.setTimeout(this.idleTimeoutMs, () => this.kill(sock, health, 'idle'));
    sock.on('error', (err) => this.kill(sock, health, err.message));
    sock.on('end', () => this.kill(sock, health, 'closed by Logstash'));
    sock.on('close', () => this.kill(sock, health, 'connection closed'));
    // the tcp input never writes; read anyway so a FIN or reset is noticed
    sock.resume();
    this.socket = sock;
    this.health = health;
    this.opened++;
  }

  private kill(sock: Socket, health: Health, why: string): void {
    if (!health.dead) {
      health.dead = true;
      health.why = why;
    }
    if (this.socket === sock) this.socket = undefined;
    sock.destroy();
  }

  /** Close gracefully (FIN after pending writes). */
  async close(): Promise<void> {
    this.closed = true;
    const sock = this.socket;
    this.socket = undefined;
    if (sock === undefined) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        sock.destroy();
        resolve();
      }, 1000);
      t.unref();
      sock.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      sock.end();
    });
  }
}
