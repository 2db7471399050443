import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { afterEach, describe, it } from 'node:test';
import { loadConfig } from '@meridian/config';
import type { Transport } from '@meridian/transport';
import { createLogstashExporter, type LogstashExporterOptions } from '../src/index.js';
import { certPath, pem } from './helpers/certs.js';
import { JsonLinesServer, type ReceivedLine } from './helpers/json-lines-server.js';
import { mixedRecords, record, seqOf, sleep, until } from './helpers/records.js';
import { guards, transportFor } from './helpers/setup.js';

const logstash = (server: JsonLinesServer, o: Partial<LogstashExporterOptions> = {}) =>
  createLogstashExporter({
    url: server.url,
    config: loadConfig({}),
    guards: guards(),
    confirmMs: 100,
    ...o,
  });

const serverTls = { key: pem('server-key.pem'), cert: pem('server.pem'), minVersion: 'TLSv1.2' as const };
const mutualTls = { ...serverTls, ca: pem('ca.pem'), requestCert: true, rejectUnauthorized: true };

/** Every sequence number 0..n-1 present? Returns the missing ones. */
function missing(lines: readonly ReceivedLine[], n: number): number[] {
  const seen = new Set(lines.map((l) => seqOf(l.doc)));
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!seen.has(i)) out.push(i);
  return out;
}

/** Per connection, sequence numbers strictly increase (a connection never repeats or reorders). */
function assertOrderedPerConnection(lines: readonly ReceivedLine[]): void {
  const last = new Map<number, number>();
  for (const l of lines) {
    const s = seqOf(l.doc);
    const prev = last.get(l.conn) ?? -1;
    assert.ok(s > prev, `connection ${l.conn}: ${s} after ${prev}`);
    last.set(l.conn, s);
  }
}

describe('Logstash exporter', () => {
  let server: JsonLinesServer | undefined;
  let transport: Transport | undefined;

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await server?.stop();
    server = undefined;
  });

  it('delivers 20,000 records (300 KB and >1 MB ones among them) over mutual TLS as ECS json_lines, in order, once', async () => {
    server = await new JsonLinesServer(mutualTls).start();
    const exporter = logstash(server, {
      config: loadConfig({
        MERIDIAN_LOGSTASH_CA: certPath('ca.pem'),
        MERIDIAN_LOGSTASH_CERT: certPath('client.pem'),
        MERIDIAN_LOGSTASH_KEY: certPath('client-key.pem'),
      }),
    });
    transport = transportFor(exporter);
    for (const r of mixedRecords()) transport.write(r);
    await transport.flush({ timeoutMs: 60_000 });
    assert.equal(server.invalid, 0);
    assert.deepEqual(missing(server.lines, 20_000), []);
    assert.equal(server.lines.length, 20_000, 'no duplicates without a failure');
    assertOrderedPerConnection(server.lines);
    assert.ok(exporter.connections >= 20, `one connection per batch (${exporter.connections})`);
    const doc = server.lines[0]!.doc;
    assert.deepEqual(Object.keys(doc).slice(0, 4), ['@timestamp', 'log.level', 'message', 'ecs.version']);
    assert.equal((server.lines.find((l) => seqOf(l.doc) === 12345)!.doc.labels as Record<string, string>).payload.length, 1024 * 1024 + 77 * 1024);
    assert.deepEqual(server.tlsErrors, []);
  });

  for (const delivery of ['close', 'window'] as const) {
    // `close` mode survives Logstash stalling (not reading) and then dying; `window` mode only an
    // outright crash or restart (a stall longer than confirmMs defeats its window, see README)
    const stall = delivery === 'close';
    it(`${delivery} mode: loses nothing across a Logstash ${stall ? 'stall then ' : ''}restart mid-stream; duplicates only from the batch in the window`, async () => {
      server = await new JsonLinesServer().start();
      const exporter = logstash(server, { delivery });
      transport = transportFor(exporter, { maxConcurrentExports: 1, batchMaxRecords: 500 });
      const n = 20_000;
      const s = server;
      // The listener stops reading by itself at 6,000 lines, so the restart always lands mid-stream
      // (polling for the count let a fast run deliver everything first).
      s.pauseAfter = 6_000;
      for (const r of mixedRecords(n)) transport.write(r);
      await until(() => s.paused, 30_000, '6,000 lines before the restart');
      if (stall) {
        // Logstash stops reading, then dies: what was written meanwhile sits unread in its kernel
        // buffer and is discarded with a reset, though the exporter's writes had completed
        await sleep(250);
      }
      const before = s.lines.length;
      assert.ok(before < n, `the restart happens mid-stream (${before} of ${n} lines in)`);
      await s.stop();
      await sleep(400); // Logstash is down: sends fail, the transport backs off and probes
      await s.start(); // same port
      await transport.flush({ timeoutMs: 60_000 });
      assert.deepEqual(missing(s.lines, n), [], 'nothing lost');
      assert.ok(s.lines.length > before);
      assertOrderedPerConnection(s.lines);
      const duplicates = s.lines.length - n;
      assert.ok(duplicates >= 0 && duplicates <= 500, `${duplicates} duplicates: at most the one batch in flight at the restart`);
      assert.ok(exporter.connections >= 2, 'reconnected');
      const stats = transport.getStats();
      assert.equal(stats.droppedTotal, 0);
      assert.equal(stats.sent, n);
    });
  }

  it('refuses a server whose certificate is not signed by the configured CA', async () => {
    server = await new JsonLinesServer({ key: pem('other-server-key.pem'), cert: pem('other-server.pem') }).start();
    transport = transportFor(logstash(server, { ca: pem('ca.pem') }));
    transport.write(record(1));
    await transport.flush({ timeoutMs: 400 });
    assert.equal(server.lines.length, 0);
    assert.match(transport.getStats().lastError?.message ?? '', /certificate/i);
  });

  it('sends nothing to a mutual-TLS input without a client certificate', async () => {
    server = await new JsonLinesServer(mutualTls).start();
    transport = transportFor(logstash(server, { ca: pem('ca.pem') }));
    transport.write(record(1));
    await transport.flush({ timeoutMs: 500 });
    assert.equal(server.lines.length, 0);
    assert.ok(server.tlsErrors.length > 0 || /certificate/i.test(transport.getStats().lastError?.message ?? ''));
    assert.notEqual(transport.getStats().lastError, undefined);
  });

  it('does not speak TLS 1.1: a TLS 1.1-only input is refused, and the test input refuses a TLS 1.1-only client', async () => {
    server = await new JsonLinesServer({ ...serverTls, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }).start();
    transport = transportFor(logstash(server, { ca: pem('ca.pem') }));
    transport.write(record(1));
    await transport.flush({ timeoutMs: 400 });
    assert.equal(server.lines.length, 0);
    assert.match(transport.getStats().lastError?.message ?? '', /protocol|version|handshake/i);
    await transport.close();
    transport = undefined;
    await server.stop();

    server = await new JsonLinesServer(serverTls).start();
    const port = server.port;
    const err = await new Promise<Error | undefined>((resolve) => {
      const c = connect({ host: '127.0.0.1', port, ca: pem('ca.pem'), maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
      c.on('secureConnect', () => {
        c.destroy();
        resolve(undefined);
      });
      c.on('error', resolve);
    });
    assert.ok(err !== undefined, 'TLS 1.1 handshake refused');
  });

  it('window mode: closes an idle connection and opens a new one for the next batch', async () => {
    server = await new JsonLinesServer().start();
    const exporter = logstash(server, { delivery: 'window', idleTimeoutMs: 500 });
    transport = transportFor(exporter);
    transport.write(record(0));
    await transport.flush({ timeoutMs: 5_000 });
    const s = server;
    await until(() => s.lines.length === 1);
    await sleep(900);
    transport.write(record(1));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(
      s.lines.map((l) => [l.conn, seqOf(l.doc)]),
      [
        [1, 0],
        [2, 1],
      ],
    );
    assert.equal(exporter.connections, 2);
  });

  it('format meridian sends the record as logged; compression forced to gzip does not apply (json_lines is plain text)', async () => {
    server = await new JsonLinesServer().start();
    transport = transportFor(logstash(server, { format: 'meridian' }), { compression: 'gzip' });
    const r = record(5);
    transport.write(r);
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(
      server.lines.map((l) => l.doc),
      [JSON.parse(r.line)],
    );
  });

  it('retries forever while Logstash is down and delivers once it is up', async () => {
    server = new JsonLinesServer();
    await server.start();
    const port = server.port;
    await server.stop();
    transport = transportFor(logstash(server), { maxAttempts: 1 });
    for (let i = 0; i < 50; i++) transport.write(record(i));
    await sleep(700);
    assert.match(transport.getStats().lastError?.message ?? '', /ECONNREFUSED/);
    await server.start(port);
    await transport.flush({ timeoutMs: 10_000 });
    assert.deepEqual(missing(server.lines, 50), []);
    assert.equal(transport.getStats().droppedTotal, 0, 'connection failures do not use up attempts');
  });
});
