import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { buildResourceAttributes, loadConfig, SERVICE_INSTANCE_ID } from '../src/index.js';

test('the process resource: service, instance, host and process attributes, the same instance id every time', () => {
  const service = loadConfig({ OTEL_SERVICE_NAME: 'checkout', OTEL_RESOURCE_ATTRIBUTES: 'service.version=2.0.0,service.namespace=shop' }).service;
  const a = buildResourceAttributes(service);
  const b = buildResourceAttributes(service);
  assert.notEqual(a, b, 'a new object each call (callers may add to it)');
  assert.deepEqual(a, b);
  assert.equal(Object.keys(a)[0], 'service.name');
  assert.equal(a['service.name'], 'checkout');
  assert.equal(a['service.version'], '2.0.0');
  assert.equal(a['service.namespace'], 'shop');
  assert.equal(a['service.instance.id'], SERVICE_INSTANCE_ID);
  assert.equal(a['host.name'], hostname());
  assert.equal(a['host.arch'], ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch] ?? a['host.arch']);
  assert.equal(a['process.pid'], process.pid);
  assert.equal(a['process.parent_pid'], process.ppid);
  assert.equal(a['process.executable.path'], process.execPath);
  assert.equal(a['process.runtime.version'], process.versions.node);
  assert.equal(a['telemetry.distro.name'], 'meridian');
  assert.match(String(a['telemetry.distro.version']), /^\d+\.\d+\.\d+/);
  for (const key of Object.keys(a)) {
    assert.doesNotMatch(key, /command|owner|args/, `${key}: command lines and user names are not collected`);
  }
});

test('precedence: detected < OTEL_RESOURCE_ATTRIBUTES < code attributes < service name', () => {
  const service = loadConfig({
    OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,host.name=override-host,service.instance.id=pod-7,team=payments',
  }).service;
  assert.equal(buildResourceAttributes(service)['service.name'], 'from-attrs');
  assert.equal(buildResourceAttributes(service)['host.name'], 'override-host');
  assert.equal(buildResourceAttributes(service)['service.instance.id'], 'pod-7');
  const code = buildResourceAttributes(service, { team: 'risk', 'service.name': 'from-code', replicas: 3 });
  assert.deepEqual([code['team'], code['service.name'], code['replicas']], ['risk', 'from-code', 3]);
  assert.equal(buildResourceAttributes(service, { 'service.name': 'from-code' }, 'explicit')['service.name'], 'explicit');
  const named = loadConfig({ OTEL_SERVICE_NAME: 'svc', OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored' }).service;
  assert.equal(buildResourceAttributes(named)['service.name'], 'svc', 'OTEL_SERVICE_NAME wins over OTEL_RESOURCE_ATTRIBUTES');
  assert.equal(buildResourceAttributes(loadConfig({}).service)['service.name'], 'unknown_service:node');
});
