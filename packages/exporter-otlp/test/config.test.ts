import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDiagnostics, loadConfig, MeridianError } from '@meridian/config';
import { startDevCollector } from '@meridian/devtools';
import { createOtlpLogExporter, createOtlpLogTransport } from '../src/index.js';
import { resolveOtlpOptions } from '../src/options.js';
import { startFaultServer } from './helpers/fault-server.js';
import { makeEntry } from './helpers/records.js';

function refusal(fn: () => unknown): MeridianError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof MeridianError, `expected a MeridianError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the factory to refuse');
}

test('endpoint: OTEL_EXPORTER_OTLP_ENDPOINT + /v1/logs; the LOGS_ one as is; MERIDIAN_OTLP_LOGS_ENDPOINTS wins; default localhost:4318', () => {
  const hrefs = (env: Record<string, string>) => resolveOtlpOptions({ config: loadConfig(env) }).endpoints.map((u) => u.href);
  assert.deepEqual(hrefs({}), ['http://localhost:4318/v1/logs']);
  assert.deepEqual(hrefs({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.eu.example.com/' }), ['https://otel.eu.example.com/v1/logs']);
  assert.deepEqual(hrefs({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.eu.example.com/base' }), ['https://otel.eu.example.com/base/v1/logs']);
  assert.deepEqual(hrefs({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://a.example.com', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://b.example.com/custom/ingest' }), [
    'https://b.example.com/custom/ingest',
  ]);
  assert.deepEqual(
    hrefs({
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://b.example.com/v1/logs',
      MERIDIAN_OTLP_LOGS_ENDPOINTS: ' https://eu-1.example.com/v1/logs , https://eu-2.example.com/v1/logs,',
    }),
    ['https://eu-1.example.com/v1/logs', 'https://eu-2.example.com/v1/logs'],
  );
  assert.deepEqual(
    resolveOtlpOptions({
      config: loadConfig({ MERIDIAN_OTLP_LOGS_ENDPOINTS: 'https://x.example.com/v1/logs' }),
      endpoints: 'http://127.0.0.1:9/v1/logs',
    }).endpoints.map((u) => u.href),
    ['http://127.0.0.1:9/v1/logs'],
    'code wins',
  );
});

test('bad values are reported on one line naming the variable, and fall back', () => {
  const { value, lines } = captureDiagnostics(
    () =>
      loadConfig({
        MERIDIAN_OTLP_LOGS_ENDPOINTS: 'ftp://x.example.com, https://ok.example.com/v1/logs',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'brotli',
        OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: 'soon',
      }).otlpLogs,
  );
  assert.deepEqual(value.endpoints, ['https://ok.example.com/v1/logs']);
  assert.equal(value.protocol, 'http/protobuf');
  assert.equal(value.compression, undefined);
  assert.equal(value.timeoutMs, 10_000);
  assert.ok(
    lines.some((l) => l.includes('MERIDIAN_OTLP_LOGS_ENDPOINTS="ftp://x.example.com"')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is not valid; accepted: http\/protobuf \| http\/json/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => l.includes('OTEL_EXPORTER_OTLP_LOGS_COMPRESSION="brotli"')));
  assert.ok(lines.some((l) => l.includes('OTEL_EXPORTER_OTLP_LOGS_TIMEOUT="soon"')));
});

test('LOGS_ specific variables win over the generic ones; code options win over both; compression and timeout reach the transport', async (t) => {
  const server = await startFaultServer(undefined, () => ({ kind: 'status', status: 200 }));
  t.after(() => server.close());
  const config = loadConfig({
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${server.url}/custom/logs`,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=acme,authorization=Bearer%20generic',
    OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'authorization=Bearer%20logs-token',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'none',
    OTEL_EXPORTER_OTLP_TIMEOUT: '20000',
    OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '1500',
  });
  const { transport, exporter } = createOtlpLogTransport({ config, headers: { 'x-request-source': 'code' }, transport: { batchDelayMs: 10 } });
  t.after(() => transport.close());
  assert.equal(exporter.protocol, 'http/json');
  assert.equal(exporter.timeoutMs, 1500);
  assert.equal(transport.options.gzip, false);
  assert.equal(transport.options.exportTimeoutMs, 1500);
  transport.write(makeEntry(1));
  await transport.flush({ timeoutMs: 5_000 });
  assert.equal(server.seen.length, 1);
  const req = server.seen[0]!;
  assert.equal(req.path, '/custom/logs');
  assert.equal(req.headers.authorization, 'Bearer logs-token');
  assert.equal(req.headers['x-tenant'], 'acme');
  assert.equal(req.headers['x-request-source'], 'code');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers['content-encoding'], undefined);
  assert.match(String(req.headers['user-agent']), /^meridian-exporter-otlp\//);
  assert.equal(JSON.parse(req.body.toString()).resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue, 'payment 1 processed');

  const code = createOtlpLogExporter({ config, protocol: 'http/protobuf', compression: 'gzip', timeoutMs: 99 });
  assert.equal(code.protocol, 'http/protobuf');
  assert.equal(code.compression, 'gzip');
  assert.equal(code.timeoutMs, 99);
});

test('OTEL_EXPORTER_OTLP_LOGS_TIMEOUT bounds one request: a collector that never answers is given up on and the next one used', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const hanging = await startFaultServer(undefined, () => ({ kind: 'hang' }));
  const secondary = await startFaultServer(collector.url, () => ({ kind: 'forward' }));
  t.after(() => Promise.all([hanging.close(), secondary.close()]));
  const config = loadConfig({ OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '300', MERIDIAN_OTLP_LOGS_ENDPOINTS: `${hanging.url}/v1/logs,${secondary.url}/v1/logs` });
  const { transport } = createOtlpLogTransport({ config, transport: { batchDelayMs: 10 } });
  t.after(() => transport.close());
  for (let i = 0; i < 10; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 5_000 });
  assert.equal(
    collector.logs().length,
    10,
    'delivered through the second collector before the 5 s flush deadline: the hanging one was given up after its 300 ms timeout',
  );
  assert.equal(transport.getStats().dropped.max_attempts, 0);
});

test('guards: plain-text endpoints off loopback are refused unless MERIDIAN_ALLOW_INSECURE=true; https passes', () => {
  const err = refusal(() => createOtlpLogExporter({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318' }) }));
  assert.equal(err.code, 'MERIDIAN_ERR_INSECURE_ENDPOINT');
  assert.match(err.message, /refusing plain-text endpoint http:\/\/collector\.internal:4318/);
  const second = refusal(() => createOtlpLogExporter({ config: loadConfig({}), endpoints: ['https://a.example.com/v1/logs', 'http://10.0.0.7:4318/v1/logs'] }));
  assert.match(second.message, /10\.0\.0\.7:4318/, 'every listed endpoint is checked');
  const ok = createOtlpLogExporter({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318', MERIDIAN_ALLOW_INSECURE: 'true' }) });
  assert.deepEqual(ok.endpoints, ['http://collector.internal:4318/v1/logs']);
  assert.deepEqual(createOtlpLogExporter({ config: loadConfig({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://otel.example.com/v1/logs' }) }).endpoints, [
    'https://otel.example.com/v1/logs',
  ]);
  const tls = refusal(() => createOtlpLogExporter({ config: loadConfig({}), endpoints: 'tls://otel.example.com:4318' }));
  assert.equal(tls.code, 'MERIDIAN_ERR_OTLP_ENDPOINT');
});

test('residency: MERIDIAN_OTLP_REGION is checked against MERIDIAN_ALLOWED_REGIONS; code region wins', () => {
  const base = { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://otel.eu.example.com/v1/logs', MERIDIAN_ALLOWED_REGIONS: 'eu-*' };
  const outside = refusal(() => createOtlpLogExporter({ config: loadConfig({ ...base, MERIDIAN_OTLP_REGION: 'us-east-1' }) }));
  assert.equal(outside.code, 'MERIDIAN_ERR_REGION_NOT_ALLOWED');
  assert.match(outside.message, /us-east-1 is outside MERIDIAN_ALLOWED_REGIONS \(eu-\*\)/);
  const unknown = refusal(() => createOtlpLogExporter({ config: loadConfig(base) }));
  assert.equal(unknown.code, 'MERIDIAN_ERR_REGION_UNKNOWN');
  assert.ok(createOtlpLogExporter({ config: loadConfig({ ...base, MERIDIAN_OTLP_REGION: 'EU-Central-1' }) }));
  const code = refusal(() => createOtlpLogExporter({ config: loadConfig({ ...base, MERIDIAN_OTLP_REGION: 'eu-central-1' }), region: 'ap-east-1' }));
  assert.equal(code.code, 'MERIDIAN_ERR_REGION_NOT_ALLOWED');
  assert.ok(
    createOtlpLogExporter({ config: loadConfig({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://otel.example.com/v1/logs' }) }),
    'no MERIDIAN_ALLOWED_REGIONS: no region needed',
  );
});
