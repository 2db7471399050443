import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startDevCollector } from '@meridian/devtools';
import type { LogEntry } from '@meridian/transport';
import { encodeLogsJson, encodeLogsProtobuf, isoToNanos } from '../src/index.js';
import { fields, logRecords, one } from './helpers/proto-scan.js';
import { makeEntry, spanIdOf, traceIdOf } from './helpers/records.js';

const RESOURCE = { 'service.name': 'fallback-svc', 'deployment.environment': 'test', 'host.cores': 2, 'feature.on': true };

function entry(fields: Record<string, unknown>, level: LogEntry['level'] = 'info'): LogEntry {
  const values = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
  return { time: Date.UTC(2026, 0, 2, 3, 4, 5, 678), level, levelValue: values[level], line: JSON.stringify(fields) };
}

function postTo(url: string, body: Uint8Array | string, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/logs`, { method: 'POST', headers: { 'content-type': contentType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const TRICKY: LogEntry[] = [
  entry(
    {
      timestamp: '2026-01-02T03:04:05.678Z',
      level: 'warn',
      message: 'naïve café ✓ 🚀',
      service: 'svc-a',
      negative: -42,
      big: 2 ** 60,
      small: -0.25,
      none: null,
      deep: { a: { b: { c: [1, [2, [3]]] } } },
      __proto__x: 1,
    },
    'warn',
  ),
  entry({
    timestamp: '2026-01-02T03:04:05.678Z',
    level: 'info',
    message: 'other service',
    service: 'svc-b',
    trace_id: 'not-a-trace',
    span_id: '0000000000000000',
  }),
  entry({ timestamp: 'yesterday', level: 'info', message: 'bad clock', service: 'svc-a' }),
  { time: Date.UTC(2026, 0, 2, 3, 4, 5, 678), level: 'error', levelValue: 50, line: 'not json at all' },
  entry({ timestamp: '2026-01-02T03:04:05.678Z', level: 'error', message: 'string error', error: 'boom' }, 'error'),
];

test('protobuf decodes in @meridian/devtools to the same records as the JSON encoding, grouped by service', async (t) => {
  const collector = await startDevCollector();
  t.after(() => collector.close());
  const protoKey: LogEntry = {
    time: TRICKY[0]!.time,
    level: 'info',
    levelValue: 30,
    line: '{"timestamp":"2026-01-02T03:04:05.678Z","level":"info","message":"proto","service":"svc-a","__proto__":1}',
  };
  const records = [...TRICKY, protoKey];
  assert.equal(await postTo(collector.url, encodeLogsProtobuf(records, RESOURCE), 'application/x-protobuf'), 200);
  const fromProto = collector.logs();
  collector.clear();
  assert.equal(await postTo(collector.url, encodeLogsJson(records, RESOURCE), 'application/json'), 200);
  const fromJson = collector.logs();
  assert.equal(fromProto.length, records.length);
  assert.deepEqual(fromJson, fromProto);

  // grouped by service in first-seen order: svc-a (#0, #2, #5), svc-b (#1), none (#3, #4)
  const [a, bad, proto, b, raw, strErr] = fromProto;
  assert.deepEqual(
    fromProto.map((r) => r.resource['service.name']),
    ['svc-a', 'svc-a', 'svc-a', 'svc-b', 'fallback-svc', 'fallback-svc'],
  );
  assert.equal(a!.resource['host.cores'], 2);
  assert.equal(a!.resource['feature.on'], true);
  assert.equal(a!.resource['deployment.environment'], 'test');
  assert.equal(a!.body, 'naïve café ✓ 🚀');
  assert.equal(a!.severityNumber, 13);
  assert.equal(a!.attributes.negative, -42);
  assert.equal(a!.attributes.big, 2 ** 60, 'beyond 2^53: sent as a double');
  assert.equal(a!.attributes.small, -0.25);
  assert.equal(a!.attributes.none, null);
  assert.deepEqual(a!.attributes.deep, { a: { b: { c: [1, [2, [3]]] } } });
  assert.equal(bad!.timeUnixNano, String(BigInt(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) * 1_000_000n), 'unreadable timestamp: the entry time');
  assert.equal(bad!.attributes.timestamp, 'yesterday', 'and the unreadable value is kept');
  assert.equal(raw!.body, 'not json at all');
  assert.equal(raw!.severityNumber, 17);
  assert.equal(strErr!.attributes['exception.message'], 'boom');
  assert.equal(proto!.attributes['__proto__'], 1);
  assert.equal(Object.getPrototypeOf(proto!.attributes), Object.prototype);
  assert.equal(b!.traceId, undefined);
  assert.equal(b!.attributes.trace_id, 'not-a-trace', 'an invalid id stays as an attribute');
  assert.equal(b!.attributes.span_id, '0000000000000000');
});

test('LogRecord field numbers and wire types match opentelemetry-proto (incl. flags, which devtools does not keep)', () => {
  const e = makeEntry(4, { level: 'error', micros: true });
  const [lr] = logRecords(encodeLogsProtobuf([e], { 'service.name': 'x' }));
  const rec = JSON.parse(e.line) as { timestamp: string };
  const time = one(lr!, 1);
  assert.equal(time.wire, 1);
  assert.equal(Buffer.from(time.bytes!).readBigUInt64LE(), isoToNanos(rec.timestamp));
  assert.equal(one(lr!, 2).varint, 17n);
  assert.equal(Buffer.from(one(lr!, 3).bytes!).toString(), 'ERROR');
  assert.equal(one(lr!, 5).wire, 2);
  const flags = one(lr!, 8);
  assert.equal(flags.wire, 5);
  assert.equal(Buffer.from(flags.bytes!).readUInt32LE(), 1);
  assert.equal(Buffer.from(one(lr!, 9).bytes!).toString('hex'), traceIdOf(4));
  assert.equal(Buffer.from(one(lr!, 10).bytes!).toString('hex'), spanIdOf(4));
  assert.equal(one(lr!, 11).wire, 1);
  assert.equal(Buffer.from(one(lr!, 11).bytes!).readBigUInt64LE(), BigInt(e.time) * 1_000_000n);
  const json = JSON.parse(encodeLogsJson([e, makeEntry(5, { level: 'info' })], {})) as {
    resourceLogs: { scopeLogs: { logRecords: { flags?: number; timeUnixNano: string }[] }[] }[];
  };
  const [j4, j5] = json.resourceLogs[0]!.scopeLogs[0]!.logRecords;
  assert.equal(j4!.flags, 1);
  assert.equal(j5!.flags, 0);
  assert.equal(typeof j4!.timeUnixNano, 'string');
});

test('isoToNanos keeps sub-millisecond digits and is independent of the time zone', () => {
  assert.equal(isoToNanos('2026-11-21T05:30:00.123456789Z'), 1_795_239_000_123_456_789n);
  assert.equal(isoToNanos('2026-11-21T05:30:00.123Z'), 1_795_239_000_123_000_000n);
  assert.equal(isoToNanos('2026-11-21T06:30:00.5+01:00'), 1_795_239_000_500_000_000n);
  assert.equal(isoToNanos('nonsense'), undefined);
  assert.equal(isoToNanos('1969-12-31T23:59:59.999Z'), undefined, 'before 1970: not representable in fixed64');
});

test('unusable times never make a batch unencodable', () => {
  const odd: LogEntry[] = [
    { time: NaN, level: 'info', levelValue: 30, line: '{"timestamp":"1900-01-01T00:00:00.000Z","level":"info","message":"old"}' },
    { time: -5, level: 'info', levelValue: 30, line: '{"message":"no timestamp"}' },
  ];
  const before = BigInt(Date.now()) * 1_000_000n;
  const recs = logRecords(encodeLogsProtobuf(odd, {}));
  assert.equal(recs.length, 2);
  for (const lr of recs) assert.ok(Buffer.from(one(lr, 1).bytes!).readBigUInt64LE() >= before, 'the time of encoding stands in');
  const json = JSON.parse(encodeLogsJson(odd, {})) as { resourceLogs: { scopeLogs: { logRecords: { attributes: { key: string }[] }[] }[] }[] };
  assert.deepEqual(
    json.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.attributes.map((a) => a.key),
    ['timestamp'],
    'the unusable timestamp is kept as an attribute',
  );
});

test('strings round-trip at the length boundaries of the short-ASCII path, ASCII or not', () => {
  const cases = ['', 'a', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(300), `${'a'.repeat(126)}é`, `é${'b'.repeat(200)}`, 'ascii then 🚀', '\u0000\u007f'];
  const line = JSON.stringify(Object.fromEntries(cases.map((v, i) => [`k${i}`, v])));
  const [lr] = logRecords(encodeLogsProtobuf([{ time: 1, level: 'info', levelValue: 30, line }], {}));
  const got = lr!
    .filter((f) => f.field === 6)
    .map((kv) => {
      const [key, value] = fields(kv.bytes!);
      return [Buffer.from(key!.bytes!).toString(), Buffer.from(one(fields(value!.bytes!), 1).bytes!).toString()];
    });
  assert.deepEqual(
    got,
    cases.map((v, i) => [`k${i}`, v]),
  );
});
