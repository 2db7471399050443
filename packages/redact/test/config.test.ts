import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDiagnostics, loadConfig, type MeridianConfig } from '@meridian/config';
import { createRedactor } from '../src/index.js';

function load(env: Record<string, string>): { cfg: MeridianConfig; lines: string[] } {
  const { value: cfg, lines } = captureDiagnostics(() => loadConfig(env));
  return { cfg, lines: lines.filter((l) => l.includes('MERIDIAN_REDACT')) };
}

test('defaults: on, mask, nothing disabled', () => {
  const { cfg, lines } = load({});
  assert.deepEqual(cfg.redact, { enabled: true, mode: 'mask', hashKey: undefined, disabledTypes: [], extraKeys: [] });
  assert.deepEqual(lines, []);
});

test('MERIDIAN_REDACT=off is honoured outside production and refused in production', () => {
  assert.equal(load({ MERIDIAN_REDACT: 'off' }).cfg.redact.enabled, false);
  const { cfg, lines } = load({ MERIDIAN_REDACT: 'off', NODE_ENV: 'production' });
  assert.equal(cfg.redact.enabled, true);
  assert.match(lines[0]!, /MERIDIAN_REDACT=off is refused when NODE_ENV=production/);
});

test('MERIDIAN_REDACT_MODE=hash needs MERIDIAN_REDACT_HASH_KEY; otherwise mask with a diagnostic', () => {
  const bad = load({ MERIDIAN_REDACT_MODE: 'hash' });
  assert.equal(bad.cfg.redact.mode, 'mask');
  assert.match(bad.lines.join('\n'), /MERIDIAN_REDACT_MODE=hash needs MERIDIAN_REDACT_HASH_KEY/);
  const short = load({ MERIDIAN_REDACT_MODE: 'hash', MERIDIAN_REDACT_HASH_KEY: 'abc' });
  assert.equal(short.cfg.redact.mode, 'mask');
  assert.doesNotMatch(short.lines.join('\n'), /"abc"/, 'the key is not echoed');
  const good = load({ MERIDIAN_REDACT_MODE: 'HASH', MERIDIAN_REDACT_HASH_KEY: 'a-long-enough-secret-key' });
  assert.equal(good.cfg.redact.mode, 'hash');
  assert.equal(good.cfg.redact.hashKey, 'a-long-enough-secret-key');
  const unknown = load({ MERIDIAN_REDACT_MODE: 'scramble' });
  assert.equal(unknown.cfg.redact.mode, 'mask');
  assert.match(unknown.lines[0]!, /accepted: mask \| partial \| hash/);
});

test('MERIDIAN_REDACT_DISABLE switches types off; unknown types are listed with the accepted ones', () => {
  const { cfg, lines } = load({ MERIDIAN_REDACT_DISABLE: 'ipv4, IPV6,zipcode' });
  assert.deepEqual(cfg.redact.disabledTypes, ['ipv4', 'ipv6']);
  assert.match(lines[0]!, /MERIDIAN_REDACT_DISABLE contains "zipcode".*accepted: card, phone, email, ipv4, ipv6/);
  const r = createRedactor({ config: cfg });
  assert.equal(r.redact('ip 203.0.113.7 mail a@example.com'), 'ip 203.0.113.7 mail [REDACTED:email]');
});

test('MERIDIAN_REDACT_KEYS adds sensitive field names', () => {
  const { cfg } = load({ MERIDIAN_REDACT_KEYS: 'customerRef, x-internal-note' });
  const r = createRedactor({ config: cfg });
  assert.deepEqual(r.redact({ customer_ref: 'C-1', X_Internal_Note: 'n', other: 'o' }), {
    customer_ref: '[REDACTED:secret]',
    X_Internal_Note: '[REDACTED:secret]',
    other: 'o',
  });
});

test('options in code win over the environment', () => {
  const { cfg } = load({ MERIDIAN_REDACT_MODE: 'partial' });
  assert.equal(createRedactor({ config: cfg }).mode, 'partial');
  assert.equal(createRedactor({ config: cfg, mode: 'mask' }).mode, 'mask');
});
