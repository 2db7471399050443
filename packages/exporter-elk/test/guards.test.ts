import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ERR_CONFIG_INVALID,
  ERR_INSECURE_ENDPOINT,
  ERR_REGION_NOT_ALLOWED,
  ERR_REGION_UNKNOWN,
  loadConfig,
  type MeridianError,
  collectDiagnostics,
  type DiagnosticCollector,
} from '@meridian/config';
import { createElasticsearchExporter, createLogstashExporter, ERR_TLS_FILE, WARN_BEATS_PORT } from '../src/index.js';
import { guards } from './helpers/setup.js';

const noEnv = loadConfig({});

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as MeridianError).code;
  }
}

describe('guards and configuration', () => {
  let diag!: DiagnosticCollector;
  beforeEach(() => {
    diag = collectDiagnostics();
  });
  afterEach(() => diag.stop());

  it('refuses plain-text endpoints that are not loopback, unless MERIDIAN_ALLOW_INSECURE=true', () => {
    assert.equal(
      code(() => createLogstashExporter({ url: 'tcp://logstash.internal:5000', config: noEnv, guards: guards() })),
      ERR_INSECURE_ENDPOINT,
    );
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'http://es.internal:9200', config: noEnv, guards: guards() })),
      ERR_INSECURE_ENDPOINT,
    );
    const insecure = guards({ MERIDIAN_ALLOW_INSECURE: 'true' });
    assert.equal(
      code(() => createLogstashExporter({ url: 'tcp://logstash.internal:5000', config: noEnv, guards: insecure })),
      undefined,
    );
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'http://es.internal:9200', config: noEnv, guards: insecure, service: 's' })),
      undefined,
    );
    assert.equal(
      code(() => createLogstashExporter({ url: 'tls://logstash.internal:5000', config: noEnv, guards: guards() })),
      undefined,
    );
    assert.equal(
      code(() => createLogstashExporter({ url: 'tcp://127.0.0.1:5000', config: noEnv, guards: guards() })),
      undefined,
    );
  });

  it('refuses an endpoint outside MERIDIAN_ALLOWED_REGIONS, or of unknown region, using the declared regions', () => {
    const eu = guards({ MERIDIAN_ALLOWED_REGIONS: 'eu-*' });
    const sg = loadConfig({ MERIDIAN_ELASTICSEARCH_REGION: 'AP-Southeast-1', MERIDIAN_LOGSTASH_REGION: 'ap-southeast-1' });
    assert.equal(sg.elk.elasticsearch.region, 'ap-southeast-1');
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'https://es.sg.example:9200', config: sg, guards: eu })),
      ERR_REGION_NOT_ALLOWED,
    );
    assert.equal(
      code(() => createLogstashExporter({ url: 'tls://ls.sg.example:5000', config: sg, guards: eu })),
      ERR_REGION_NOT_ALLOWED,
    );
    assert.equal(
      code(() => createLogstashExporter({ url: 'tls://ls.example:5000', config: noEnv, guards: eu })),
      ERR_REGION_UNKNOWN,
    );
    // code options win over the environment
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'https://es.fra.example:9200', region: 'eu-central-1', config: sg, guards: eu, service: 's' })),
      undefined,
    );
  });

  it('parses the environment: URLs, auth, index default, and says what is wrong without echoing secrets', () => {
    const c = loadConfig({
      MERIDIAN_LOGSTASH_URL: 'http://logstash:5000',
      MERIDIAN_ELASTICSEARCH_URL: 'https://es:9200',
      MERIDIAN_ELASTICSEARCH_API_KEY: 'k',
      MERIDIAN_ELASTICSEARCH_USERNAME: 'elastic',
      MERIDIAN_ELASTICSEARCH_PASSWORD: 'hunter2',
      MERIDIAN_LOGSTASH_DELIVERY: 'window',
    }).elk;
    assert.equal(c.logstash.url, undefined);
    assert.equal(c.logstash.delivery, 'window');
    assert.equal(c.logstash.format, 'ecs');
    assert.equal(c.elasticsearch.index, 'logs-{service}-default');
    assert.equal(c.elasticsearch.apiKey, 'k');
    assert.equal(c.elasticsearch.username, undefined, 'the API key wins');
    assert.ok(
      diag.lines.some(
        (l) => l.includes(ERR_CONFIG_INVALID) && l.includes('MERIDIAN_LOGSTASH_URL="http://logstash:5000"') && l.includes('tcp://host:port or tls://host:port'),
      ),
    );
    assert.ok(diag.lines.some((l) => l.includes('using the API key')));
    assert.ok(!diag.lines.join('\n').includes('hunter2'));
    assert.equal(loadConfig({ MERIDIAN_LOGSTASH_URL: 'tls://ls.example:5000' }).elk.logstash.url, 'tls://ls.example:5000');
  });

  it('warns that port 5044 is the Beats protocol, not json_lines', () => {
    createLogstashExporter({ url: 'tls://logstash.example:5044', config: noEnv, guards: guards() });
    assert.ok(diag.lines.some((l) => l.includes(WARN_BEATS_PORT) && l.includes('json_lines')));
  });

  it('throws on a missing URL, an unreadable CA file and an invalid index name', () => {
    assert.equal(
      code(() => createLogstashExporter({ config: noEnv, guards: guards() })),
      ERR_CONFIG_INVALID,
    );
    assert.equal(
      code(() => createElasticsearchExporter({ config: noEnv, guards: guards() })),
      ERR_CONFIG_INVALID,
    );
    const badCa = loadConfig({ MERIDIAN_LOGSTASH_CA: '/nonexistent/ca.pem' });
    assert.equal(
      code(() => createLogstashExporter({ url: 'tls://ls.example:5000', config: badCa, guards: guards() })),
      ERR_TLS_FILE,
    );
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'https://es:9200', index: 'Logs/{service}', config: noEnv, guards: guards() })),
      ERR_CONFIG_INVALID,
    );
    assert.equal(
      code(() => createElasticsearchExporter({ url: 'https://es:9200', index: '_logs', config: noEnv, guards: guards() })),
      ERR_CONFIG_INVALID,
    );
  });
});
