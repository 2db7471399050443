import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { loadConfig } from '@meridian/config';
import { createOtlpLogTransport } from '../src/index.js';
import { makeEntry } from './helpers/records.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
const cert = fixture('localhost.crt');
const key = fixture('localhost.key');

async function httpsServer(t: import('node:test').TestContext, versions: Pick<tls.SecureContextOptions, 'minVersion' | 'maxVersion' | 'ciphers'>) {
  const seen: string[] = [];
  const server = https.createServer({ cert, key, ...versions }, (req, res) => {
    seen.push(String((req.socket as tls.TLSSocket).getProtocol()));
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.after(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Connect with the process's TLS defaults (no version or cipher options): did the handshake succeed, and with what? */
function defaultClientProtocol(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const s = tls.connect({ host: u.hostname, port: Number(u.port), ca: cert }, () => {
      const p = s.getProtocol() ?? undefined;
      s.end();
      resolve(p);
    });
    s.on('error', () => resolve(undefined));
  });
}

test('https endpoints: delivered over TLS ≥ 1.2 (with a private CA passed as `ca`)', async (t) => {
  const server = await httpsServer(t, { minVersion: 'TLSv1.2' });
  const { transport } = createOtlpLogTransport({ config: loadConfig({}), endpoints: `${server.url}/v1/logs`, ca: cert, transport: { batchDelayMs: 10 } });
  t.after(() => transport.close());
  transport.write(makeEntry(1));
  await transport.flush({ timeoutMs: 5_000 });
  assert.equal(transport.getStats().sent, 1, transport.getStats().lastError?.message);
  assert.match(server.seen[0]!, /^TLSv1\.[23]$/);
});

test('a collector offering only TLS 1.0/1.1 is refused, even in a process whose TLS defaults allow it (--tls-min-v1.0)', async (t) => {
  const saved = { min: tls.DEFAULT_MIN_VERSION, ciphers: tls.DEFAULT_CIPHERS };
  tls.DEFAULT_MIN_VERSION = 'TLSv1';
  tls.DEFAULT_CIPHERS = 'DEFAULT@SECLEVEL=0';
  t.after(() => {
    tls.DEFAULT_MIN_VERSION = saved.min;
    tls.DEFAULT_CIPHERS = saved.ciphers;
  });
  const server = await httpsServer(t, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
  const control = await defaultClientProtocol(server.url);
  if (control !== 'TLSv1.1') return t.skip(`this Node/OpenSSL build will not speak TLS 1.1 even when allowed (${control}): the check would prove nothing`);
  const { transport } = createOtlpLogTransport({
    config: loadConfig({}),
    endpoints: `${server.url}/v1/logs`,
    ca: cert,
    transport: { batchDelayMs: 10, closeTimeoutMs: 50 },
  });
  t.after(() => transport.close());
  transport.write(makeEntry(1));
  await transport.flush({ timeoutMs: 500 });
  const stats = transport.getStats();
  t.diagnostic(`a default client negotiated ${control}; the exporter: ${stats.lastError?.message}`);
  assert.equal(stats.sent, 0);
  assert.equal(server.seen.length, 0);
  assert.match(stats.lastError!.message, /protocol version|unsupported protocol/i);
});
