import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startDevCollector, type DevCollector } from '../src/index.js';
import { logExporter, type Protocol } from './helpers/exporters.js';

const COMBOS: Array<[Protocol, boolean]> = [
  ['json', false],
  ['json', true],
  ['protobuf', false],
  ['protobuf', true],
];

describe('stock OTel log exporters → collector', () => {
  let collector: DevCollector;
  before(async () => {
    collector = await startDevCollector();
  });
  after(async () => {
    await collector.close();
  });

  for (const [protocol, gzip] of COMBOS) {
    test(`${protocol}${gzip ? ' + gzip' : ''}: severity, body, attributes, trace and span ids`, async () => {
      collector.clear();
      const gzipBefore = collector.stats().gzipRequests;
      const span = new BasicTracerProvider().getTracer('t').startSpan('work');
      const ctx = trace.setSpan(context.active(), span);
      const provider = new LoggerProvider({
        resource: resourceFromAttributes({ 'service.name': 'payments' }),
        processors: [new SimpleLogRecordProcessor({ exporter: logExporter(collector.url, protocol, gzip) })],
      });
      const logger = provider.getLogger('payments-logger', '0.9.0');
      logger.emit({
        timestamp: [1_763_700_000, 123_456_789],
        severityNumber: SeverityNumber.WARN,
        severityText: 'WARN',
        body: 'charge slow',
        context: ctx,
        attributes: {
          'app.str': 'x',
          'app.bool': false,
          'app.int': 7,
          'app.neg': -3,
          'app.double': 2.5,
          'app.list': ['a', 1, true],
          'app.map': { k: 'v', n: { deep: 1 } },
          'app.bytes': new Uint8Array([1, 2, 255]),
        },
      });
      logger.emit({ severityNumber: SeverityNumber.ERROR, body: { event: 'refund', amount: 12.5 }, eventName: 'payments.refund' });
      await provider.forceFlush();
      await collector.waitFor((s) => s.logs.length >= 2, 5_000);
      await provider.shutdown();
      span.end();

      // One export request per record: they may arrive in either order.
      const logs = collector.logs();
      const warn = logs.find((l) => l.body === 'charge slow');
      const err = logs.find((l) => l.eventName === 'payments.refund');
      assert.ok(warn && err, 'both records received');
      assert.equal(warn.severityNumber, 13);
      assert.equal(warn.severityText, 'WARN');
      assert.equal(warn.body, 'charge slow');
      assert.equal(warn.timeUnixNano, '1763700000123456789');
      assert.notEqual(warn.observedTimeUnixNano, '0', 'the SDK sets observed time');
      assert.equal(warn.traceId, span.spanContext().traceId);
      assert.equal(warn.spanId, span.spanContext().spanId);
      assert.deepEqual(warn.attributes, {
        'app.str': 'x',
        'app.bool': false,
        'app.int': 7,
        'app.neg': -3,
        'app.double': 2.5,
        'app.list': ['a', 1, true],
        'app.map': { k: 'v', n: { deep: 1 } },
        'app.bytes': new Uint8Array([1, 2, 255]),
      });
      assert.equal(warn.resource['service.name'], 'payments');
      assert.deepEqual(warn.scope, { name: 'payments-logger', version: '0.9.0' });

      assert.equal(err.severityNumber, 17);
      assert.deepEqual(err.body, { event: 'refund', amount: 12.5 });
      assert.equal(err.eventName, 'payments.refund');
      assert.equal(err.traceId, undefined, 'no active span, no trace id');
      assert.equal(err.spanId, undefined);
      assert.equal(collector.stats().gzipRequests > gzipBefore, gzip, `gzip ${gzip ? 'used' : 'not used'} on the wire`);
    });
  }
});
