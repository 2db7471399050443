import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, loadConfig } from '@meridian/config';
import { createTransportFor, registeredExporters, spanExporterFactory } from '@meridian/transport';
import { EXPORTER_PACKAGES, loadExporters } from '../src/index.js';

test('a package that cannot be loaded: the name is registered as refusing, with the npm install to run; its records are counted, not lost silently', async () => {
  const config = loadConfig({ MERIDIAN_LOG_EXPORTERS: 'logstash' });
  const d = collectDiagnostics();
  await loadExporters(config, { logstash: '@meridian/exporter-does-not-exist' });
  const t = createTransportFor('logstash', { config });
  t.write({ time: 0, level: 'info', levelValue: 30, line: '{}' });
  await t.close();
  d.stop();
  assert.equal(t.getStats().state, 'refused');
  assert.equal(t.getStats().dropped.refused, 1);
  assert.match(
    d.lines[0]!,
    /^meridian: MERIDIAN_ERR_EXPORTER_UNAVAILABLE: exporter "logstash" did not start: @meridian\/exporter-does-not-exist could not be loaded \(.*\); accepted: npm install @meridian\/exporter-does-not-exist next to @meridian\/node; its records are dropped and counted \(refused\)$/,
  );
});

test('loadExporters() imports the packages the configuration names, which register themselves (logs and spans)', async () => {
  // @meridian/tracing depends on @meridian/exporter-otlp (spans), so importing @meridian/node registered "otlp" already;
  // "logstash" was registered as refusing by the test above
  assert.deepEqual(registeredExporters(), ['logstash', 'otlp'], 'only these registered before');
  assert.equal(spanExporterFactory('elasticsearch'), undefined);
  const names = await loadExporters(loadConfig({ MERIDIAN_LOG_EXPORTERS: 'console,cloudwatch,otlp', OTEL_TRACES_EXPORTER: 'otlp,elasticsearch' }));
  assert.deepEqual(names, ['cloudwatch', 'elasticsearch', 'logstash', 'otlp'], 'exporter-elk registers both of its log exporters with its span exporter');
  assert.equal(typeof spanExporterFactory('elasticsearch'), 'function');
  // a second call imports nothing new and says the same
  assert.deepEqual(await loadExporters(loadConfig({ MERIDIAN_LOG_EXPORTERS: 'cloudwatch' })), names);
  assert.deepEqual(Object.keys(EXPORTER_PACKAGES).sort(), ['cloudwatch', 'elasticsearch', 'logstash', 'otlp']);
});
