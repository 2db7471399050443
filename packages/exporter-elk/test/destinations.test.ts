import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { loadConfig } from '@meridian/config';
import { createTransportFor, type Transport } from '@meridian/transport';
import { createElasticsearchDestination, createLogstashDestination } from '../src/index.js';
import { BulkServer } from '@meridian/testing';
import { JsonLinesServer } from './helpers/json-lines-server.js';
import { record, seqOf } from './helpers/records.js';

/**
 * What MERIDIAN_LOG_EXPORTERS=logstash / elasticsearch builds: importing the package registers the
 * exporters, and a transport made for the name reads the resolved configuration it is given.
 */
describe('destinations from the configuration', () => {
  let transport: Transport | undefined;
  const stops: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    for (const s of stops.splice(0)) await s();
  });

  it('createLogstashDestination({ config }) ships to MERIDIAN_LOGSTASH_URL', async () => {
    const server = await new JsonLinesServer().start();
    stops.push(() => server.stop());
    const config = loadConfig({ MERIDIAN_LOGSTASH_URL: server.url, MERIDIAN_LOGSTASH_FORMAT: 'meridian' });
    transport = createLogstashDestination({ config, transport: { config, batchDelayMs: 10 } });
    transport.write(record(3));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(
      server.lines.map((l) => seqOf(l.doc)),
      [3],
    );
    assert.equal(server.lines[0]!.doc.message, 'charge 3 authorized', 'the record as logged, not ECS');
  });

  it('the registered "elasticsearch" exporter ships to MERIDIAN_ELASTICSEARCH_URL with MERIDIAN_ELASTICSEARCH_API_KEY and _INDEX', async () => {
    const server = await new BulkServer({ auth: 'ApiKey a2V5' }).start();
    stops.push(() => server.stop());
    const config = loadConfig({
      MERIDIAN_ELASTICSEARCH_URL: server.url,
      MERIDIAN_ELASTICSEARCH_API_KEY: 'a2V5',
      MERIDIAN_ELASTICSEARCH_INDEX: 'logs-{service}-fra',
      MERIDIAN_BATCH_DELAY_MS: '10',
    });
    // what createLogger() does for MERIDIAN_LOG_EXPORTERS=elasticsearch once this package is imported
    transport = createTransportFor('elasticsearch', { config });
    transport.write(record(4));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(
      server.received.map((r) => [r.index, seqOf(r.doc)]),
      [['logs-payments_api-fra', 4]],
    );
  });

  it('createElasticsearchDestination({ config }) reads the same settings', async () => {
    const server = await new BulkServer({ auth: 'ApiKey a2V5' }).start();
    stops.push(() => server.stop());
    const config = loadConfig({ MERIDIAN_ELASTICSEARCH_URL: server.url, MERIDIAN_ELASTICSEARCH_API_KEY: 'a2V5' });
    transport = createElasticsearchDestination({ config, transport: { config, batchDelayMs: 10 } });
    transport.write(record(5));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(
      server.received.map((r) => [r.index, seqOf(r.doc)]),
      [['logs-payments_api-default', 5]],
    );
  });
});
