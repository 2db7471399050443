import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureDiagnostics, loadConfig } from '@meridian/config';
import { createHttpNdjsonExporter, createTransport, parseRetryAfter, statusOutcome } from '../src/index.js';
import { fullJitter } from '../src/internal/backoff.js';

describe('configuration', () => {
  it('defaults', () => {
    const c = loadConfig({}).transport;
    assert.deepEqual(c, {
      queueMaxRecords: 20_000,
      queueMaxBytes: 16 * 1024 * 1024,
      queueFullPolicy: 'drop_newest',
      batchDelayMs: 2000,
      batchMaxRecords: 1000,
      batchMaxBytes: 1_048_576,
      maxAttempts: 8,
      compression: undefined,
      spoolDir: undefined,
      spoolMaxBytes: 64 * 1024 * 1024,
      debugBuffer: false,
      debugBufferMax: 200,
      metrics: false,
    });
  });

  it('reads every MERIDIAN_* transport variable', () => {
    const c = loadConfig({
      MERIDIAN_QUEUE_MAX_RECORDS: '500',
      MERIDIAN_QUEUE_MAX_BYTES: '2MB',
      MERIDIAN_QUEUE_FULL_POLICY: 'DROP_OLDEST',
      MERIDIAN_BATCH_DELAY_MS: '5000',
      MERIDIAN_BATCH_MAX_RECORDS: '10000',
      MERIDIAN_BATCH_MAX_BYTES: '1MiB',
      MERIDIAN_MAX_ATTEMPTS: '3',
      MERIDIAN_COMPRESSION: 'none',
      MERIDIAN_SPOOL_DIR: '/var/spool/meridian',
      MERIDIAN_SPOOL_MAX_BYTES: '1GiB',
      MERIDIAN_DEBUG_BUFFER: 'on',
      MERIDIAN_DEBUG_BUFFER_MAX: '50',
      MERIDIAN_METRICS: 'on',
    }).transport;
    assert.deepEqual(c, {
      queueMaxRecords: 500,
      queueMaxBytes: 2_000_000,
      queueFullPolicy: 'drop_oldest',
      batchDelayMs: 5000,
      batchMaxRecords: 10_000,
      batchMaxBytes: 1_048_576,
      maxAttempts: 3,
      compression: 'none',
      spoolDir: '/var/spool/meridian',
      spoolMaxBytes: 1024 ** 3,
      debugBuffer: true,
      debugBufferMax: 50,
      metrics: true,
    });
  });

  it('a bad value prints one line naming variable, value and what is accepted, then uses the default', () => {
    const { value: c, lines } = captureDiagnostics(() => loadConfig({ MERIDIAN_QUEUE_FULL_POLICY: 'wait', MERIDIAN_QUEUE_MAX_RECORDS: '-1' }));
    assert.equal(c.transport.queueFullPolicy, 'drop_newest');
    assert.equal(c.transport.queueMaxRecords, 20_000);
    assert.ok(
      lines.some((l) => /MERIDIAN_QUEUE_FULL_POLICY="wait".*drop_newest \| drop_oldest \| block/.test(l)),
      lines.join('\n'),
    );
  });

  it('code options win over the environment; exporter limits lower the batch size; gzip by default for network exporters', () => {
    const exporter = { ...createHttpNdjsonExporter({ url: 'http://127.0.0.1:9/' }), maxBatchRecords: 10_000, maxBatchBytes: 1_048_576 };
    const t = createTransport({ exporter, config: loadConfig({ MERIDIAN_BATCH_MAX_RECORDS: '20000', MERIDIAN_MAX_ATTEMPTS: '3' }), maxAttempts: 5 });
    assert.equal(t.options.batchMaxRecords, 10_000);
    assert.equal(t.options.maxAttempts, 5);
    assert.equal(t.options.gzip, true);
    const plain = createTransport({ exporter, config: loadConfig({ MERIDIAN_COMPRESSION: 'none' }) });
    assert.equal(plain.options.gzip, false);
    void t.close();
    void plain.close();
  });

  it('block without a spool says it falls back to drop_newest', () => {
    const { value: t, lines } = captureDiagnostics(() =>
      createTransport({ exporter: createHttpNdjsonExporter({ url: 'http://127.0.0.1:9/' }), config: loadConfig({ MERIDIAN_QUEUE_FULL_POLICY: 'block' }) }),
    );
    assert.ok(
      lines.some((l) => l.includes('MERIDIAN_QUEUE_FULL_POLICY=block needs MERIDIAN_SPOOL_DIR')),
      lines.join('\n'),
    );
    void t.close();
  });
});

describe('outcome rules', () => {
  it('HTTP status → outcome', () => {
    assert.equal(statusOutcome(200, undefined, '').outcome, 'ok');
    assert.equal(statusOutcome(204, undefined, '').outcome, 'ok');
    for (const s of [408, 429, 500, 502, 503, 504]) assert.equal(statusOutcome(s, undefined, '').outcome, 'retryable', String(s));
    for (const s of [400, 401, 403, 404, 413, 422]) assert.equal(statusOutcome(s, undefined, '').outcome, 'permanent', String(s));
    assert.deepEqual(statusOutcome(503, 2000, 'x'), { outcome: 'retryable', retryAfterMs: 2000, unavailable: true, error: 'x' });
    assert.deepEqual(statusOutcome(500, undefined, 'x'), { outcome: 'retryable', retryAfterMs: undefined, unavailable: false, error: 'x' });
  });

  it('Retry-After: seconds, HTTP date, past date, garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('full jitter stays within [0, min(cap, base*2^n))', () => {
    for (let n = 0; n < 40; n++) {
      const d = fullJitter(n, 100, 5000);
      assert.ok(d >= 0 && d < Math.min(5000, 100 * 2 ** n), `retry ${n}: ${d}`);
    }
  });
});
