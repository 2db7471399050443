import type { Attributes } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';

/** Known methods keep their name; anything else is `_OTHER` (semantic conventions, bounded cardinality). */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

export function normaliseMethod(method: string | undefined): string {
  if (method === undefined) return 'GET';
  return KNOWN_METHODS.has(method) ? method : KNOWN_METHODS.has(method.toUpperCase()) ? method.toUpperCase() : '_OTHER';
}

/** Split a Host header into name and port (`[::1]:8080`, `example.com`, `example.com:443`). */
export function splitHost(host: string, defaultPort: number): { name: string; port: number } {
  let name = host;
  let port = defaultPort;
  const close = host.lastIndexOf(']');
  const colon = host.lastIndexOf(':');
  if (colon > close) {
    const p = Number(host.slice(colon + 1));
    if (Number.isInteger(p) && p > 0 && p < 65536) port = p;
    name = host.slice(0, colon);
  }
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  return { name, port };
}

let lastHost = '';
let lastEncrypted = false;
let lastName = '';
let lastPort = 80; // splitHost('', 80), so the initial entry is a correct one

/**
 * Clients send the same Host on every request: the last split is reused (splitHost allocated and
 * sliced per request, ≈ 0.3–0.6 µs in Fastify hello-world profiles on this shared machine).
 */
function splitCached(host: string, encrypted: boolean): void {
  if (host !== lastHost || encrypted !== lastEncrypted) {
    const split = splitHost(host, encrypted ? 443 : 80);
    lastHost = host;
    lastEncrypted = encrypted;
    lastName = split.name;
    lastPort = split.port;
  }
}

/** `server.address` of a request (the Host header without its port), as the span records it; undefined without a Host. */
export function serverAddressOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (host === undefined) return undefined;
  splitCached(host, (req.socket as { encrypted?: boolean } | null)?.encrypted === true);
  return lastName;
}

/**
 * Stable HTTP server attributes (semantic conventions 1.2x, `http.*`/`url.*`/`server.*`/`client.*`).
 * `url.query` is recorded as sent, as the conventions describe; the redacting span processor of
 * @meridian/redact scrubs sensitive values before export.
 */
export function serverAttributes(req: IncomingMessage, method: string, path: string, query: string | undefined): Attributes {
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const scheme = encrypted ? 'https' : 'http';
  const attrs: Attributes = {
    'http.request.method': method,
    'url.path': path,
    'url.scheme': scheme,
    'network.protocol.version': req.httpVersion,
  };
  if (method === '_OTHER' && req.method !== undefined) attrs['http.request.method_original'] = req.method;
  if (query !== undefined) attrs['url.query'] = query;
  const host = req.headers.host;
  if (host !== undefined) {
    splitCached(host, encrypted);
    attrs['server.address'] = lastName;
    attrs['server.port'] = lastPort;
  } else if (req.socket?.localPort !== undefined) {
    attrs['server.port'] = req.socket.localPort;
  }
  const client = req.socket?.remoteAddress;
  if (client !== undefined) attrs['client.address'] = client;
  const ua = req.headers['user-agent'];
  if (ua !== undefined) attrs['user_agent.original'] = ua;
  return attrs;
}
