/** Opening one TCP or TLS connection to a Logstash tcp input (TLS ≥ 1.2, certificates verified). */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export interface SocketOptions {
  host: string;
  port: number;
  tls: boolean;
  ca: string | Buffer | undefined;
  cert: string | Buffer | undefined;
  key: string | Buffer | undefined;
  connectTimeoutMs: number;
  keepAliveMs: number;
}

/**
 * Connect; resolves once the connection (and TLS handshake) is up. `session` resumes an earlier
 * TLS session (no full handshake per connection); `onSession` receives new ones.
 */
export function openSocket(o: SocketOptions, signal: AbortSignal, session?: Buffer, onSession?: (s: Buffer) => void): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let sock: Socket;
    if (o.tls) {
      const t: TLSSocket = tlsConnect({
        host: o.host,
        port: o.port,
        // Node warns when servername is an IP address; SNI is for host names only
        servername: isIP(o.host) === 0 ? o.host : undefined,
        ca: o.ca,
        cert: o.cert,
        key: o.key,
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
        session,
      });
      if (onSession !== undefined) t.on('session', onSession);
      sock = t;
    } else {
      sock = netConnect({ host: o.host, port: o.port });
    }
    const ready = o.tls ? 'secureConnect' : 'connect';
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      sock.removeListener('error', onError);
    };
    const fail = (why: string): void => {
      done();
      sock.destroy();
      reject(new Error(why));
    };
    const onAbort = (): void => fail(`connect to ${o.host}:${o.port} aborted`);
    const onError = (err: Error): void => fail(`${o.host}:${o.port}: ${err.message}`);
    const timer = setTimeout(() => fail(`connect to ${o.host}:${o.port} timed out after ${o.connectTimeoutMs} ms`), o.connectTimeoutMs);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    sock.on('error', onError);
    sock.once(ready, () => {
      done();
      sock.setKeepAlive(true, o.keepAliveMs);
      sock.setNoDelay(true);
      resolve(sock);
    });
  });
}
