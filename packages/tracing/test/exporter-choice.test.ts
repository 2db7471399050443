// OTEL_TRACES_EXPORTER names that cannot be served are said once, with the code and the way out, and
// tracing still starts (the other exporters keep working).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, loadConfig, MeridianError } from '@meridian/config';
import { createHttpNdjsonExporter, registerExporter, type ItemExporter, type QueueEntry } from '@meridian/transport';
import { startTracing } from '../src/index.js';
import { spansOf, startReceiver } from './helpers.js';

test('elasticsearch named but no span exporter registered: one MERIDIAN_ERR_EXPORTER_UNAVAILABLE line naming the import; otlp still sends', async () => {
  const rx = await startReceiver();
  const d = collectDiagnostics();
  const tracing = startTracing({ config: loadConfig({ OTEL_TRACES_EXPORTER: 'otlp,elasticsearch', OTEL_EXPORTER_OTLP_ENDPOINT: rx.url }) });
  d.stop();
  try {
    assert.equal(d.lines.length, 1, d.lines.join('\n'));
    assert.match(
      d.lines[0]!,
      /MERIDIAN_ERR_EXPORTER_UNAVAILABLE: OTEL_TRACES_EXPORTER names "elasticsearch" but no span exporter is registered.*import ['"]@meridian\/exporter-elk['"]/,
    );
    tracing.tracer().startSpan('still sent').end();
    await tracing.forceFlush();
    assert.equal(spansOf(rx.received[0]!)[0]?.name, 'still sent');
  } finally {
    await tracing.shutdown();
    await rx.close();
  }
});

test('a registered span exporter whose factory refuses: its own code, the reason, and no span sent there', async () => {
  // what @meridian/exporter-elk's factory does when its guard refuses the endpoint
  registerExporter(
    'elasticsearch',
    () => {
      throw new MeridianError('MERIDIAN_ERR_INSECURE_ENDPOINT', 'elasticsearch: http://es.internal:9200 is plain text off loopback');
    },
    'spans',
  );
  const d = collectDiagnostics();
  const tracing = startTracing({ config: loadConfig({ OTEL_TRACES_EXPORTER: 'elasticsearch' }) });
  d.stop();
  assert.deepEqual(d.lines, [
    'meridian: MERIDIAN_ERR_INSECURE_ENDPOINT: span exporter "elasticsearch" did not start: elasticsearch: http://es.internal:9200 is plain text off loopback; spans are not sent there',
  ]);
  await tracing.shutdown();
});

type Named = { name: string };
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
type Tracing = ReturnType<typeof startTracing>;

/** An NDJSON span exporter registered as "elasticsearch" (one `{ span: name }` line per span) with `parts` over it, and tracing on it. */
async function withRegisteredSpanExporter(parts: Partial<ItemExporter<Named>>, fn: (tracing: Tracing, rx: Receiver) => Promise<void>): Promise<void> {
  const rx = await startReceiver();
  const exporter: ItemExporter<Named> = {
    ...createHttpNdjsonExporter({ url: `${rx.url}/spans`, name: 'elasticsearch-spans' }),
    toEntry: (span) => ({ time: 0, level: 'info', levelValue: 30, line: JSON.stringify({ span: span.name }) }),
    ...parts,
  };
  registerExporter('elasticsearch', () => exporter as unknown as ItemExporter, 'spans');
  const tracing = startTracing({ config: loadConfig({ OTEL_TRACES_EXPORTER: 'elasticsearch' }) });
  try {
    await fn(tracing, rx);
  } finally {
    await tracing.shutdown();
    await rx.close();
  }
}

/** The span names the receiver got, in arrival order. */
const exportedNames = (rx: Receiver): string[] => rx.received.flatMap((r) => r.text.trim().split('\n')).map((l) => (JSON.parse(l) as { span: string }).span);

test('a registered span exporter is used: its entries go through a transport to its destination', async () => {
  await withRegisteredSpanExporter({}, async (tracing, rx) => {
    tracing.tracer().startSpan('through the registry').end();
    await tracing.forceFlush();
    assert.equal(rx.received[0]?.path, '/spans');
    assert.deepEqual(exportedNames(rx), ['through the registry']);
  });
});

test('a span exporter with onStart is told each span and its local parent span object; one that throws loses no span', async () => {
  const starts: [string, string | undefined][] = [];
  const parents = new Map<string, object | undefined>();
  const onStart = (span: Named, parent: Named | undefined): void => {
    starts.push([span.name, parent?.name]);
    parents.set(span.name, parent);
    if (span.name === 'throws') throw new Error('an exporter bug');
  };
  await withRegisteredSpanExporter({ onStart }, async (tracing, rx) => {
    const tracer = tracing.tracer();
    tracer.startActiveSpan('root', (root) => {
      tracer.startActiveSpan('child', (child) => {
        tracer.startSpan('throws').end();
        child.end();
      });
      assert.equal(parents.get('child'), root, 'the parent is the span object itself');
      root.end();
    });
    await tracing.forceFlush();
    assert.deepEqual(starts, [
      ['root', undefined],
      ['child', 'root'],
      ['throws', 'child'],
    ]);
    assert.deepEqual(exportedNames(rx).sort(), ['child', 'root', 'throws']);
  });
});

test('a span its exporter cannot encode is counted as an encode_error drop of the transport and said, never thrown', async () => {
  const d = collectDiagnostics();
  const toEntry = (span: Named): QueueEntry => {
    if (span.name === 'unreadable') throw new Error('an encoder bug');
    return { time: 0, level: 'info', levelValue: 30, line: JSON.stringify({ span: span.name }) };
  };
  try {
    await withRegisteredSpanExporter({ toEntry }, async (tracing, rx) => {
      const tracer = tracing.tracer();
      tracer.startSpan('before').end();
      assert.doesNotThrow(() => tracer.startSpan('unreadable').end());
      tracer.startSpan('after').end();
      await tracing.forceFlush();
      assert.deepEqual(exportedNames(rx), ['before', 'after']);
    });
    const said = d.lines.filter((l) => l.includes('MERIDIAN_ERR_RECORDS_DROPPED'));
    assert.equal(said.length, 2, d.lines.join('\n'));
    assert.match(said[0]!, /exporter "elasticsearch-spans" is dropping records \(encode_error\): the exporter could not encode them/);
    assert.match(said[1]!, /exporter "elasticsearch-spans" lost 1 record in this process, counted by reason \(encode_error: 1\), reported at close/);
  } finally {
    d.stop();
  }
});

test('http/json with a failover list: the stock exporter has no failover, said once; the first endpoint is used', async () => {
  const rx = await startReceiver();
  const d = collectDiagnostics();
  const tracing = startTracing({
    config: loadConfig({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', MERIDIAN_OTLP_TRACES_ENDPOINTS: `${rx.url}/v1/traces,http://127.0.0.1:9/v1/traces` }),
  });
  d.stop();
  try {
    assert.equal(d.lines.length, 1);
    assert.match(
      d.lines[0]!,
      /MERIDIAN_OTLP_TRACES_ENDPOINTS lists 2 collectors but OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http\/json uses the stock exporter, which has no failover/,
    );
    tracing.tracer().startSpan('json').end();
    await tracing.forceFlush();
    assert.match(rx.received[0]!.text, /"json"/);
  } finally {
    await tracing.shutdown();
    await rx.close();
  }
});

test('the OTLP span exporter refused by the TLS guard (plain text off loopback): its code, and tracing runs without it', async () => {
  const d = collectDiagnostics();
  const tracing = startTracing({ config: loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318' }) });
  d.stop();
  assert.equal(d.lines.length, 1, d.lines.join('\n'));
  assert.match(d.lines[0]!, /^meridian: MERIDIAN_ERR_INSECURE_ENDPOINT: span exporter "otlp" did not start: .*; spans are not sent there$/);
  tracing.tracer().startSpan('nowhere').end();
  assert.equal(await tracing.shutdown(), 'done');
});
