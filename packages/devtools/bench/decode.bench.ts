/**
 * Decode throughput of the hand-written OTLP decoders: one ExportTraceServiceRequest of 512 spans
 * (8 attributes and 1 event each), as protobuf and as OTLP/JSON. A few seconds in all.
 *   npx tsc -b packages/devtools && node packages/devtools/dist/bench/decode.bench.js
 */
import { decodeTraceRequestJson } from '../src/internal/otlp-json-traces.js';
import { decodeTraceRequestProto } from '../src/internal/otlp-proto-traces.js';
import { double, fixed64, kv, len, span, str, traceRequest, vint } from '../test/helpers/proto-writer.js';

const SPANS = 512;
const hexId = (i: number, bytes: number) => (i + 1).toString(16).padStart(bytes * 2, '0');
const BASE = 1_795_237_833_000_000_000n;

function protoBody(): Buffer {
  const spans: number[][] = [];
  for (let i = 0; i < SPANS; i++) {
    const attrs = [
      ...len(9, kv('http.method', str(1, 'GET'))),
      ...len(9, kv('http.route', str(1, '/api/orders/:id'))),
      ...len(9, kv('http.status_code', vint(3, 200))),
      ...len(9, kv('net.peer.port', vint(3, 443))),
      ...len(9, kv('app.ratio', double(4, 0.5))),
      ...len(9, kv('app.cached', vint(2, 1))),
      ...len(9, kv('user.id', str(1, `u-${i}`))),
      ...len(9, kv('app.tags', len(5, [...len(1, str(1, 'a')), ...len(1, str(1, 'b'))]))),
      ...len(11, [...fixed64(1, BASE + 500n), ...str(2, 'cache.miss')]),
    ];
    spans.push(
      span({
        traceId: hexId(i >> 4, 16),
        spanId: hexId(i, 8),
        parentSpanId: i % 16 ? hexId(i - 1, 8) : undefined,
        name: `span ${i}`,
        startNs: BASE + BigInt(i) * 1000n,
        endNs: BASE + BigInt(i) * 1000n + 900n,
        extra: attrs,
      }),
    );
  }
  return traceRequest('bench', spans);
}

function jsonBody(): Buffer {
  const spans = [];
  for (let i = 0; i < SPANS; i++) {
    spans.push({
      traceId: hexId(i >> 4, 16),
      spanId: hexId(i, 8),
      parentSpanId: i % 16 ? hexId(i - 1, 8) : '',
      name: `span ${i}`,
      kind: 2,
      startTimeUnixNano: String(BASE + BigInt(i) * 1000n),
      endTimeUnixNano: String(BASE + BigInt(i) * 1000n + 900n),
      attributes: [
        { key: 'http.method', value: { stringValue: 'GET' } },
        { key: 'http.route', value: { stringValue: '/api/orders/:id' } },
        { key: 'http.status_code', value: { intValue: 200 } },
        { key: 'net.peer.port', value: { intValue: 443 } },
        { key: 'app.ratio', value: { doubleValue: 0.5 } },
        { key: 'app.cached', value: { boolValue: true } },
        { key: 'user.id', value: { stringValue: `u-${i}` } },
        { key: 'app.tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
      ],
      events: [{ timeUnixNano: String(BASE + 500n), name: 'cache.miss' }],
      status: { code: 0 },
    });
  }
  const body = {
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench' } }] }, scopeSpans: [{ scope: { name: 's' }, spans }] }],
  };
  return Buffer.from(JSON.stringify(body));
}

function run(name: string, body: Buffer, decode: (b: Buffer) => { items: unknown[] }): void {
  if (decode(body).items.length !== SPANS) throw new Error(`${name}: decoded the wrong number of spans`);
  for (let i = 0; i < 50; i++) decode(body); // warm-up
  // CPU time, not wall time: the machine is shared, and waiting for a core is not decoding.
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let n = 0;
  while (process.hrtime.bigint() - start < 1_500_000_000n) {
    decode(body);
    n++;
  }
  const cpu = process.cpuUsage(cpu0);
  const secs = (cpu.user + cpu.system) / 1e6;
  const spansPerSec = (n * SPANS) / secs;
  console.log(
    `${name.padEnd(10)} body ${(body.length / 1024).toFixed(0).padStart(4)} KiB  ${((secs * 1000) / n).toFixed(2).padStart(7)} ms CPU/request  ${Math.round(spansPerSec).toLocaleString('en-US').padStart(10)} spans/s`,
  );
}

console.log(`node ${process.version}, ${SPANS} spans per request`);
run('protobuf', protoBody(), decodeTraceRequestProto);
run('json', jsonBody(), decodeTraceRequestJson);
