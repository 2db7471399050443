import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpointSecurity, checkRegion, isLoopbackHost, loadConfig, regionMatches } from '../src/index.js';

test('loopback hosts', () => {
  for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.9.8.7', '[::1]', '::1', '::ffff:127.0.0.1'])
    assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['10.0.0.1', 'example.com', '128.0.0.1', '::2', 'localhost.example.com']) assert.equal(isLoopbackHost(h), false, h);
});

test('TLS guard: https/tls pass, plain text only on loopback or when allowed', () => {
  const strict = { allowInsecure: false };
  assert.equal(checkEndpointSecurity('otlp', 'https://collector.eu:4318', strict), undefined);
  assert.equal(checkEndpointSecurity('logstash', 'tls://ls.eu:5000', strict), undefined);
  assert.equal(checkEndpointSecurity('otlp', 'http://127.0.0.1:4318', strict), undefined);
  assert.equal(checkEndpointSecurity('logstash', 'tcp://localhost:5000', strict), undefined);
  const refused = checkEndpointSecurity('otlp', 'http://collector.eu:4318', strict);
  assert.equal(refused?.code, 'MERIDIAN_ERR_INSECURE_ENDPOINT');
  assert.match(refused!.message, /refusing plain-text endpoint http:\/\/collector\.eu:4318.*MERIDIAN_ALLOW_INSECURE=true/);
  assert.equal(checkEndpointSecurity('otlp', 'http://collector.eu:4318', { allowInsecure: true }), undefined);
  assert.match(checkEndpointSecurity('x', 'ftp://a', strict)!.message, /scheme ftp: is not supported/);
  assert.match(checkEndpointSecurity('x', 'not a url', strict)!.message, /is not a valid URL/);
});

test('region patterns', () => {
  assert.equal(regionMatches('eu-central-1', 'eu-*'), true);
  assert.equal(regionMatches('EU-West-2', 'eu-*'), true);
  assert.equal(regionMatches('us-east-1', 'eu-*'), false);
  assert.equal(regionMatches('ap-east-1', 'ap-east-1'), true);
  assert.equal(regionMatches('ap-east-1', 'ap-*-1'), true);
  assert.equal(regionMatches('ap-east-2', 'ap-*-1'), false);
  assert.equal(regionMatches('anything', '*'), true);
});

test('residency guard: no list allows all; a list refuses other and unknown regions', () => {
  assert.equal(checkRegion('cloudwatch', 'us-east-1', { allowedRegions: [] }), undefined);
  const eu = loadConfig({ MERIDIAN_ALLOWED_REGIONS: 'eu-*, eu-central-2' }).exportGuards;
  assert.deepEqual(eu.allowedRegions, ['eu-*', 'eu-central-2']);
  assert.equal(checkRegion('cloudwatch', 'eu-central-1', eu), undefined);
  const us = checkRegion('cloudwatch', 'us-east-1', eu);
  assert.equal(us?.code, 'MERIDIAN_ERR_REGION_NOT_ALLOWED');
  assert.match(us!.message, /cloudwatch: destination region us-east-1 is outside MERIDIAN_ALLOWED_REGIONS \(eu-\*,eu-central-2\)/);
  assert.equal(checkRegion('otlp', undefined, eu)?.code, 'MERIDIAN_ERR_REGION_UNKNOWN');
});
