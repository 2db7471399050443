import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { loadConfig, resetConfig } from '@meridian/config';
import type { Transport } from '@meridian/transport';
import { createElasticsearchDestination, createLogstashDestination } from '../src/index.js';
import { BulkServer } from '@meridian/testing';
import { JsonLinesServer } from './helpers/json-lines-server.js';
import { record, seqOf } from './helpers/records.js';

/** The no-argument factories @meridian/logger calls for MERIDIAN_LOG_EXPORTERS=logstash / elasticsearch read the environment. */
describe('destinations from the environment', () => {
  const saved = { ...process.env };
  let transport: Transport | undefined;
  const stops: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    for (const s of stops.splice(0)) await s();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    resetConfig();
  });

  it('createLogstashDestination() ships to MERIDIAN_LOGSTASH_URL', async () => {
    const server = await new JsonLinesServer().start();
    stops.push(() => server.stop());
    process.env.MERIDIAN_LOGSTASH_URL = server.url;
    process.env.MERIDIAN_LOGSTASH_FORMAT = 'meridian';
    resetConfig();
    transport = createLogstashDestination({ transport: { config: loadConfig({}), batchDelayMs: 10 } });
    transport.write(record(3));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(server.lines.map((l) => seqOf(l.doc)), [3]);
    assert.equal(server.lines[0]!.doc.message, 'charge 3 authorized', 'the record as logged, not ECS');
  });

  it('createElasticsearchDestination() ships to MERIDIAN_ELASTICSEARCH_URL with MERIDIAN_ELASTICSEARCH_API_KEY and _INDEX', async () => {
    const server = await new BulkServer({ auth: 'ApiKey a2V5' }).start();
    stops.push(() => server.stop());
    process.env.MERIDIAN_ELASTICSEARCH_URL = server.url;
    process.env.MERIDIAN_ELASTICSEARCH_API_KEY = 'a2V5';
    process.env.MERIDIAN_ELASTICSEARCH_INDEX = 'logs-{service}-fra';
    resetConfig();
    transport = createElasticsearchDestination({ transport: { config: loadConfig({}), batchDelayMs: 10 } });
    transport.write(record(4));
    await transport.flush({ timeoutMs: 5_000 });
    assert.deepEqual(server.received.map((r) => [r.index, seqOf(r.doc)]), [['logs-payments_api-fra', 4]]);
  });
});
