import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { collectDiagnostics, loadConfig, type DiagnosticCollector } from '@meridian/config';
import type { Transport } from '@meridian/transport';
import { createElasticsearchExporter, type ElasticsearchExporterOptions, ERR_ELASTICSEARCH_AUTH } from '../src/index.js';
import { BulkServer, type Doc } from '@meridian/testing';
import { pem } from './helpers/certs.js';
import { mixedRecords, record, seqOf } from './helpers/records.js';
import { guards, transportFor } from './helpers/setup.js';

const es = (server: BulkServer, o: Partial<ElasticsearchExporterOptions> = {}) =>
  createElasticsearchExporter({
    url: server.url,
    config: loadConfig({}),
    guards: guards(),
    service: 'fallback-svc',
    ...o,
  });

/** Sequence numbers of the stored documents, sorted, duplicates kept. */
function storedSeqs(server: BulkServer): number[] {
  return [...server.stored.values()].map((d) => seqOf(d)).sort((a, b) => a - b);
}

const range = (n: number, skip: (i: number) => boolean = () => false): number[] => Array.from({ length: n }, (_, i) => i).filter((i) => !skip(i));

describe('Elasticsearch exporter', () => {
  let server: BulkServer;
  let transport: Transport | undefined;
  let diag!: DiagnosticCollector;

  beforeEach(() => {
    diag = collectDiagnostics();
  });
  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await server?.stop();
    diag.stop();
  });

  it('stores 20,000 records (300 KB and >1 MB ones among them) exactly once, gzipped, as create ops into logs-{service}-default', async () => {
    server = await new BulkServer({ auth: 'ApiKey c2VjcmV0' }).start();
    transport = transportFor(es(server, { apiKey: 'c2VjcmV0' }));
    const records = mixedRecords();
    for (const r of records) transport.write(r);
    await transport.flush({ timeoutMs: 60_000 });
    assert.deepEqual(server.violations, []);
    assert.deepEqual(storedSeqs(server), range(20_000), 'every record stored once');
    assert.equal(server.received.length, 20_000, 'no document sent twice');
    assert.ok(server.encodings.every((e) => e === 'gzip'));
    assert.deepEqual(new Set(server.received.map((r) => r.index)), new Set(['logs-payments_api-default']));
    const big = [...server.stored.values()].find((d) => seqOf(d) === 12345) as Record<string, any>;
    assert.equal(big.labels.payload.length, 1024 * 1024 + 77 * 1024);
    const s = transport.getStats();
    assert.equal(s.sent, 20_000);
    assert.equal(s.droppedTotal, 0);
  });

  it('resends only the items that failed with 429/5xx and drops mapping errors (counted), never the whole batch', async () => {
    server = await new BulkServer().start();
    // first sight: seq%10==3 → 429, seq%10==7 → 503, seq%50==11 → 400; retries succeed
    server.itemStatus = (doc: Doc, seen: number) => {
      const i = seqOf(doc);
      if (i % 50 === 11) return 400;
      if (seen === 0 && i % 10 === 3) return 429;
      if (seen === 0 && i % 10 === 7) return 503;
      return 201;
    };
    transport = transportFor(es(server));
    for (let i = 0; i < 2_000; i++) transport.write(record(i));
    await transport.flush({ timeoutMs: 30_000 });
    const mapping = (i: number) => i % 50 === 11;
    const transient = (i: number) => !mapping(i) && (i % 10 === 3 || i % 10 === 7);
    assert.deepEqual(storedSeqs(server), range(2_000, mapping), 'all but the mapping errors stored, once');
    const sentTwice = new Map<number, number>();
    for (const r of server.received) sentTwice.set(seqOf(r.doc), (sentTwice.get(seqOf(r.doc)) ?? 0) + 1);
    const resent = [...sentTwice]
      .filter(([, n]) => n > 1)
      .map(([i]) => i)
      .sort((a, b) => a - b);
    assert.deepEqual(resent, range(2_000).filter(transient), 'exactly the 429/503 items were sent again');
    assert.ok([...sentTwice].every(([, n]) => n <= 2));
    const s = transport.getStats();
    assert.equal(s.dropped.permanent, range(2_000).filter(mapping).length);
    assert.equal(s.sent, 2_000 - s.dropped.permanent);
    assert.match(s.lastError?.message ?? '', /mapper_parsing_exception/);
  });

  it('treats 409 on create as already stored: an answer lost after storing causes no duplicate', async () => {
    server = await new BulkServer().start();
    server.storeBeforeAnswer = true;
    server.requestAnswer = (n) => (n === 1 ? 'hang-up' : undefined); // stores request 1, then the connection drops
    transport = transportFor(es(server));
    for (let i = 0; i < 100; i++) transport.write(record(i));
    await transport.flush({ timeoutMs: 10_000 });
    assert.deepEqual(storedSeqs(server), range(100));
    assert.equal(server.received.filter((r) => r.status === 409).length, 100, 'the resend was answered 409 item by item');
    const s = transport.getStats();
    assert.equal(s.sent, 100);
    assert.equal(s.droppedTotal, 0);
  });

  it('loses nothing in a 503 storm (whole requests, with Retry-After) nor in an item-level 429 storm', async () => {
    server = await new BulkServer().start();
    const stormUntil = Date.now() + 1_500;
    server.requestAnswer = () => (Date.now() < stormUntil ? { status: 503, headers: { 'retry-after': '0' } } : undefined);
    server.itemStatus = () => (Date.now() < stormUntil + 1_000 ? 429 : 201);
    transport = transportFor(es(server), { maxAttempts: 3 });
    for (let i = 0; i < 3_000; i++) transport.write(record(i));
    await transport.flush({ timeoutMs: 30_000 });
    assert.deepEqual(storedSeqs(server), range(3_000));
    const s = transport.getStats();
    assert.equal(s.droppedTotal, 0, 'storms do not use up attempts');
    assert.ok(server.requests > 5, `${server.requests} requests`);
  });

  it('401 is permanent with a clear error (and one diagnostic), basic auth is sent as configured', async () => {
    server = await new BulkServer({ auth: `Basic ${Buffer.from('elastic:right').toString('base64')}` }).start();
    transport = transportFor(es(server, { config: loadConfig({ MERIDIAN_ELASTICSEARCH_USERNAME: 'elastic', MERIDIAN_ELASTICSEARCH_PASSWORD: 'wrong' }) }));
    for (let i = 0; i < 10; i++) transport.write(record(i));
    await transport.flush({ timeoutMs: 5_000 });
    const s = transport.getStats();
    assert.equal(s.dropped.permanent, 10);
    assert.match(s.lastError?.message ?? '', new RegExp(`${ERR_ELASTICSEARCH_AUTH}: elasticsearch: HTTP 401 from 127.0.0.1:\\d+: authentication failed`));
    assert.equal(diag.lines.filter((d) => d.includes(ERR_ELASTICSEARCH_AUTH)).length, 1);
    assert.ok(!diag.lines.join('').includes('wrong'), 'the password never appears in diagnostics');
    await transport.close();
    transport = transportFor(es(server, { username: 'elastic', password: 'right' }));
    transport.write(record(1));
    await transport.flush({ timeoutMs: 5_000 });
    assert.equal(server.stored.size, 1);
  });

  it('413: splits the batch until it fits, drops (counted) a single document larger than the limit', async () => {
    server = await new BulkServer({ maxContentLength: 64 * 1024 }).start();
    transport = transportFor(es(server), { compression: 'none' });
    for (let i = 0; i < 400; i++) transport.write(record(i, i === 123 ? 100 * 1024 : 0));
    await transport.flush({ timeoutMs: 10_000 });
    assert.deepEqual(
      storedSeqs(server),
      range(400, (i) => i === 123),
    );
    assert.equal(server.received.length, 399, 'no document stored twice');
    const s = transport.getStats();
    assert.equal(s.dropped.permanent, 1);
    assert.match(s.lastError?.message ?? '', /413/);
  });

  it('verifies the cluster certificate against MERIDIAN_ELASTICSEARCH_CA over https', async () => {
    server = await new BulkServer({ tls: { key: pem('server-key.pem'), cert: pem('server.pem') } }).start();
    const { certPath } = await import('./helpers/certs.js');
    transport = transportFor(es(server, { config: loadConfig({ MERIDIAN_ELASTICSEARCH_CA: certPath('ca.pem') }) }));
    transport.write(record(7));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(storedSeqs(server), [7]);
    await transport.close();
    // without the CA the certificate is not trusted: nothing is sent, the error says why
    const before = server.requests;
    transport = transportFor(es(server));
    transport.write(record(8));
    await transport.flush({ timeoutMs: 300 });
    assert.equal(server.requests, before);
    assert.match(transport.getStats().lastError?.message ?? '', /self[- ]signed|unable to verify|local issuer/i);
  });

  it('substitutes {service} per record (sanitised), falling back to the configured service', async () => {
    server = await new BulkServer().start();
    transport = transportFor(es(server, { index: 'app-{service}-logs' }));
    transport.write({
      ...record(1),
      line: JSON.stringify({ timestamp: '2026-11-21T00:00:00.000Z', level: 'info', message: 'a', service: 'Billing Svc:EU', seq: 1 }),
    });
    transport.write({ ...record(2), line: JSON.stringify({ timestamp: '2026-11-21T00:00:00.000Z', level: 'info', message: 'b', seq: 2 }) });
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(server.received.map((r) => r.index).sort(), ['app-billing_svc_eu-logs', 'app-fallback_svc-logs']);
  });
});
