import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRUNCATED_FIELD, TRUNCATION_MARKER } from '../src/index.js';
import { renderStreamName, sanitizeStreamName } from '../src/internal/stream-name.js';
import { truncateLine } from '../src/internal/truncate.js';

test('a line within the limit is returned unchanged', () => {
  const line = JSON.stringify({ level: 'info', message: 'ok' });
  assert.equal(truncateLine(line, 1000), line);
});

test('an oversize line stays one valid JSON object with its small fields, the marker and the original size', () => {
  const rec = { timestamp: '2026-11-21T05:00:00.000Z', level: 'error', message: 'boom '.repeat(5000), trace_id: 'abc', stack: 's'.repeat(9000) };
  const line = JSON.stringify(rec);
  const out = truncateLine(line, 4096);
  assert.ok(Buffer.byteLength(out) <= 4096, `${Buffer.byteLength(out)} bytes`);
  const parsed = JSON.parse(out) as Record<string, string | number>;
  assert.equal(parsed.timestamp, rec.timestamp);
  assert.equal(parsed.level, 'error');
  assert.equal(parsed.trace_id, 'abc');
  assert.equal(parsed[TRUNCATED_FIELD], Buffer.byteLength(line));
  assert.ok(String(parsed.stack).endsWith(TRUNCATION_MARKER) || String(parsed.message).endsWith(TRUNCATION_MARKER));
});

test('multi-byte and escaped text is cut on a character boundary and within the byte limit', () => {
  const line = JSON.stringify({ message: '😀"\n日本'.repeat(20_000) });
  const out = truncateLine(line, 10_000);
  assert.ok(Buffer.byteLength(out) <= 10_000);
  const msg = (JSON.parse(out) as { message: string }).message;
  assert.ok(msg.endsWith(TRUNCATION_MARKER));
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(msg), 'no lone high surrogate');
});

test('a line that is not a JSON object is wrapped as {"message": ...}', () => {
  const out = truncateLine('plain text '.repeat(1000), 500);
  const parsed = JSON.parse(out) as { message: string };
  assert.ok(parsed.message.startsWith('plain text'));
  assert.ok(Buffer.byteLength(out) <= 500);
});

test('stream names: placeholders expanded, ":" "*" and control characters replaced, 512 characters at most', () => {
  assert.equal(
    renderStreamName('{service}-{region}-{instance}', { service: 'unknown_service:node', region: 'ap-east-1', instance: 'host*1', pid: '7' }),
    'unknown_service_node-ap-east-1-host_1',
  );
  assert.equal(sanitizeStreamName('a\nb'), 'a_b');
  assert.equal(sanitizeStreamName('x'.repeat(600)).length, 512);
  assert.equal(sanitizeStreamName(''), 'meridian');
});
