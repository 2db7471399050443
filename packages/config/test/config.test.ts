import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDiagnostics, collectDiagnostics, diagnose, loadConfig, parseRotation, parseSize, setDiagnosticSink } from '../src/index.js';

test('defaults with an empty environment, and no diagnostics', () => {
  const { value: c, lines } = captureDiagnostics(() => loadConfig({}));
  assert.deepEqual(lines, []);
  assert.equal(c.log.level, 'info');
  assert.equal(c.log.format, 'json');
  assert.deepEqual(c.log.exporters, ['console']);
  assert.equal(c.service.name, 'unknown_service:node');
  assert.deepEqual(c.tracing.exporters, ['otlp']);
  assert.equal(c.tracing.otlp.url, 'http://localhost:4318/v1/traces');
  assert.equal(c.tracing.sampler, 'parentbased_always_on');
  assert.deepEqual(c.tracing.propagators, ['tracecontext', 'baggage']);
  assert.equal(c.tracing.bsp.scheduleDelayMs, 2000);
  assert.equal(c.runtime.shutdownTimeoutMs, 5000);
});

test('a bad level is reported once, naming variable, value and accepted values, and falls back', () => {
  const { value: c, lines } = captureDiagnostics(() => {
    loadConfig({ MERIDIAN_LOG_LEVEL: 'loud' });
    return loadConfig({ MERIDIAN_LOG_LEVEL: 'loud' });
  });
  assert.equal(c.log.level, 'info');
  assert.equal(lines.length, 1, 'printed once per process');
  assert.match(lines[0]!, /MERIDIAN_ERR_CONFIG_INVALID/);
  assert.match(lines[0]!, /MERIDIAN_LOG_LEVEL="loud"/);
  assert.match(lines[0]!, /trace \| debug \| info \| warn \| error \| fatal \| silent/);
  assert.match(lines[0]!, /using the default \(info\)/);
});

test('values are case-insensitive and trimmed; empty counts as unset', () => {
  const { value: c, lines } = captureDiagnostics(() => loadConfig({ MERIDIAN_LOG_LEVEL: ' DEBUG ', MERIDIAN_LOG_FORMAT: '', OTEL_SERVICE_NAME: '  ' }));
  assert.deepEqual(lines, []);
  assert.equal(c.log.level, 'debug');
  assert.equal(c.log.format, 'json');
  assert.equal(c.service.name, 'unknown_service:node');
});

test('service name: OTEL_SERVICE_NAME wins over OTEL_RESOURCE_ATTRIBUTES, attributes percent-decoded', () => {
  const c = loadConfig({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,deployment.environment=prod,team=pay%20ments', OTEL_SERVICE_NAME: 'checkout' });
  assert.equal(c.service.name, 'checkout');
  assert.equal(c.service.resourceAttributes['service.name'], 'checkout');
  assert.equal(c.service.resourceAttributes['team'], 'pay ments');
  assert.equal(loadConfig({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs' }).service.name, 'from-attrs');
});

test('malformed resource attribute entries are reported and skipped, the rest kept', () => {
  const { value: c, lines } = captureDiagnostics(() => loadConfig({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,broken,b=%E0%A4%A,c=3' }));
  assert.equal(c.service.resourceAttributes['a'], '1');
  assert.equal(c.service.resourceAttributes['c'], '3');
  assert.equal('b' in c.service.resourceAttributes, false);
  assert.equal(lines.length, 2);
  assert.match(lines.join('\n'), /"broken" is not key=value/);
  assert.match(lines.join('\n'), /malformed percent-encoding/);
});

test('file settings: MERIDIAN_LOG_FILE selects the file exporter; rotation and keep parsed', () => {
  const c = loadConfig({ MERIDIAN_LOG_FILE: '/var/log/app.log', MERIDIAN_LOG_FILE_ROTATE: 'hourly,100MB', MERIDIAN_LOG_FILE_KEEP: '24' });
  assert.deepEqual(c.log.exporters, ['file']);
  assert.equal(c.log.file, '/var/log/app.log');
  assert.deepEqual(c.log.fileRotate, { interval: 'hourly', maxBytes: 100_000_000 });
  assert.equal(c.log.fileKeep, 24);
  const both = loadConfig({ MERIDIAN_LOG_FILE: 'a.log', MERIDIAN_LOG_EXPORTERS: 'console,file' });
  assert.deepEqual(both.log.exporters, ['console', 'file']);
});

test('bad rotation, keep and exporter values fall back with a diagnostic each', () => {
  const { value: c, lines } = captureDiagnostics(() =>
    loadConfig({
      MERIDIAN_LOG_FILE_ROTATE: 'weekly',
      MERIDIAN_LOG_FILE_KEEP: '-3',
      MERIDIAN_LOG_EXPORTERS: 'file,kafka',
    }),
  );
  assert.deepEqual(c.log.fileRotate, { interval: 'daily', maxBytes: undefined });
  assert.equal(c.log.fileKeep, 7);
  assert.deepEqual(c.log.exporters, ['console'], 'file without MERIDIAN_LOG_FILE and an unknown exporter leave console');
  const all = lines.join('\n');
  assert.match(all, /MERIDIAN_LOG_FILE_ROTATE="weekly" is not valid; accepted: daily \| hourly/);
  assert.match(all, /MERIDIAN_LOG_FILE_KEEP="-3"/);
  assert.match(all, /MERIDIAN_LOG_EXPORTERS contains "kafka"/);
  assert.match(all, /MERIDIAN_LOG_FILE is not set/);
});

test('OTLP endpoint rules: generic endpoint gets /v1/traces, the signal endpoint is used as is', () => {
  assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318/' }).tracing.otlp.url, 'https://collector:4318/v1/traces');
  assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c:4318/base' }).tracing.otlp.url, 'https://c:4318/base/v1/traces');
  assert.equal(
    loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://t/custom' }).tracing.otlp.url,
    'https://t/custom',
  );
  const { value: c, lines } = captureDiagnostics(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }));
  assert.equal(c.tracing.otlp.url, 'http://localhost:4318/v1/traces');
  assert.match(lines[0]!, /OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is not valid; accepted: an absolute http:\/\/ or https:\/\/ URL/);
});

test('OTLP headers merge generic and signal-specific, specific wins; compression and timeout', () => {
  const c = loadConfig({
    OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc,x-tenant=t1',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=t2',
    OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
  });
  assert.deepEqual({ ...c.tracing.otlp.headers }, { 'api-key': 'abc', 'x-tenant': 't2' });
  assert.equal(c.tracing.otlp.compression, 'gzip');
  assert.equal(c.tracing.otlp.timeoutMs, 2500);
});

test('sampler, ratio, propagators, exporters and SDK switch', () => {
  const c = loadConfig({
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.25',
    OTEL_PROPAGATORS: 'tracecontext',
    OTEL_TRACES_EXPORTER: 'console',
    OTEL_SDK_DISABLED: 'true',
  });
  assert.equal(c.tracing.sampler, 'parentbased_traceidratio');
  assert.equal(c.tracing.samplerArg, 0.25);
  assert.deepEqual(c.tracing.propagators, ['tracecontext']);
  assert.deepEqual(c.tracing.exporters, ['console']);
  assert.equal(c.tracing.disabled, true);
  assert.deepEqual(loadConfig({ OTEL_TRACES_EXPORTER: 'none' }).tracing.exporters, []);
  assert.deepEqual(loadConfig({ OTEL_PROPAGATORS: 'none' }).tracing.propagators, []);
});

test('bad sampler arg, unsupported propagator and oversize batch are reported with safe fallbacks', () => {
  const { value: c, lines } = captureDiagnostics(() =>
    loadConfig({
      OTEL_TRACES_SAMPLER: 'traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '1.5',
      OTEL_PROPAGATORS: 'b3,tracecontext',
      OTEL_BSP_MAX_QUEUE_SIZE: '100',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '500',
      OTEL_SDK_DISABLED: 'maybe',
    }),
  );
  assert.equal(c.tracing.samplerArg, 1);
  assert.deepEqual(c.tracing.propagators, ['tracecontext']);
  assert.equal(c.tracing.bsp.maxExportBatchSize, 100);
  assert.equal(c.tracing.disabled, false);
  const all = lines.join('\n');
  assert.match(all, /OTEL_TRACES_SAMPLER_ARG="1.5" is not valid; accepted: a number from 0 to 1/);
  assert.match(all, /"b3", which Meridian does not ship/);
  assert.match(all, /OTEL_BSP_MAX_EXPORT_BATCH_SIZE="500" is larger than OTEL_BSP_MAX_QUEUE_SIZE \(100\)/);
  assert.match(all, /OTEL_SDK_DISABLED="maybe"/);
});

test('control characters in a bad value cannot forge diagnostic lines', () => {
  const { lines } = captureDiagnostics(() => loadConfig({ MERIDIAN_LOG_FORMAT: 'json\nmeridian: fake' }));
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.includes('\n'), false);
  assert.match(lines[0]!, /"json\\nmeridian: fake"/);
});

test('parseSize and parseRotation', () => {
  assert.equal(parseSize('4096'), 4096);
  assert.equal(parseSize('512KB'), 512_000);
  assert.equal(parseSize('1GiB'), 1024 ** 3);
  assert.equal(parseSize('1.5mb'), 1_500_000);
  assert.equal(parseSize('10 furlongs'), undefined);
  assert.equal(parseSize('0'), undefined);
  assert.deepEqual(parseRotation('daily'), { interval: 'daily', maxBytes: undefined });
  assert.deepEqual(parseRotation('50MB'), { interval: undefined, maxBytes: 50_000_000 });
  assert.equal(parseRotation('daily,hourly'), undefined);
  assert.equal(parseRotation(''), undefined);
});

test('meridian_adaptive: the arg is a target per second, the floor a ratio; bad values fall back', () => {
  const ok = loadConfig({ OTEL_TRACES_SAMPLER: 'meridian_adaptive', OTEL_TRACES_SAMPLER_ARG: '25', MERIDIAN_SAMPLER_FLOOR: '0.05' });
  assert.equal(ok.tracing.sampler, 'meridian_adaptive');
  assert.equal(ok.tracing.samplerArg, 25);
  assert.equal(ok.tracing.samplerFloor, 0.05);
  const { value: bad, lines } = captureDiagnostics(() =>
    loadConfig({ OTEL_TRACES_SAMPLER: 'meridian_adaptive', OTEL_TRACES_SAMPLER_ARG: 'lots', MERIDIAN_SAMPLER_FLOOR: '2' }),
  );
  assert.equal(bad.tracing.samplerArg, 10);
  assert.equal(bad.tracing.samplerFloor, 0.01);
  assert.match(lines.join('\n'), /OTEL_TRACES_SAMPLER_ARG="lots" is not valid/);
  assert.match(lines.join('\n'), /MERIDIAN_SAMPLER_FLOOR="2" is not valid; accepted: a number from 0 to 1/);
});

test('collectDiagnostics sees a diagnostic already printed before it started, and stop() restores the sink', () => {
  const outer: string[] = [];
  const prev = setDiagnosticSink((l) => outer.push(l));
  try {
    diagnose('MERIDIAN_ERR_TEST', 'once');
    diagnose('MERIDIAN_ERR_TEST', 'once');
    assert.deepEqual(outer, ['meridian: MERIDIAN_ERR_TEST: once'], 'printed once per process');
    const c = collectDiagnostics();
    diagnose('MERIDIAN_ERR_TEST', 'once');
    c.stop();
    assert.deepEqual(c.lines, ['meridian: MERIDIAN_ERR_TEST: once'], 'collected although printed before');
    diagnose('MERIDIAN_ERR_TEST', 'once');
    assert.equal(outer.length, 2, 'after stop() the previous sink gets it again');
  } finally {
    setDiagnosticSink(prev);
  }
});
