import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectDiagnostics, loadConfig, MeridianError } from '@meridian/config';
import { createHttpNdjsonExporter, createTransport, createTransportFor, registerExporter, registeredExporters } from '../src/index.js';
import { entry } from './helpers/entries.js';
import { Sink } from './helpers/sink.js';

const config = loadConfig({ MERIDIAN_BATCH_DELAY_MS: '10' });
const scratch = mkdtempSync(join(tmpdir(), 'meridian-registry-'));

describe('a transport whose exporter comes later (the exporter registry)', () => {
  const sink = new Sink();
  before(() => sink.start());
  after(async () => {
    await sink.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('records written before the exporter is registered queue within the bounds and are delivered once it is', async () => {
    sink.reset();
    const t = createTransportFor('later-a', { config });
    for (let i = 0; i < 50; i++) t.write(entry(i));
    assert.equal(t.getStats().state, 'pending');
    assert.equal(t.getStats().queueRecords, 50);
    registerExporter('later-a', () => createHttpNdjsonExporter({ url: sink.url, name: 'later-a' }));
    assert.equal(t.getStats().state, 'ready');
    t.write(entry(50));
    await t.flush();
    assert.deepEqual(
      sink.acceptedIds(),
      Array.from({ length: 51 }, (_, i) => i),
    );
    assert.ok(registeredExporters().includes('later-a'));
    await t.close();
  });

  it('a factory registered first is used at once, with the configuration given', async () => {
    sink.reset();
    let seen: unknown;
    registerExporter('later-b', (c) => {
      seen = c;
      return createHttpNdjsonExporter({ url: sink.url, name: 'later-b' });
    });
    const t = createTransportFor('later-b', { config });
    assert.equal(seen, config);
    t.write(entry(7));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [7]);
    await t.close();
  });

  it('the queue bound applies while no exporter is attached: the overflow is dropped, counted and reported once', async () => {
    const d = collectDiagnostics();
    const t = createTransportFor('never-c', { config: loadConfig({ MERIDIAN_QUEUE_MAX_RECORDS: '100' }) });
    for (let i = 0; i < 150; i++) t.write(entry(i));
    const s = t.getStats();
    assert.equal(s.queueRecords, 100);
    assert.equal(s.dropped.queue_full, 50);
    await t.flush(); // returns at once: nothing can be delivered yet
    await t.close();
    d.stop();
    const lines = d.lines.join('\n');
    assert.equal(d.lines.filter((l) => l.includes('is dropping records (queue_full)')).length, 1, lines);
    assert.match(lines, /MERIDIAN_ERR_EXPORTER_UNAVAILABLE: exporter "never-c" is selected but not available/);
    assert.match(
      lines,
      /MERIDIAN_ERR_RECORDS_DROPPED: exporter "never-c" lost 150 records in this process, counted by reason \(queue_full: 50, shutdown: 100\), reported at close/,
    );
  });

  it('a factory that throws (a guard refused it): one diagnostic with its code; without a spool its records are dropped as refused', async () => {
    const d = collectDiagnostics();
    registerExporter('refused-d', () => {
      throw new MeridianError('MERIDIAN_ERR_REGION_NOT_ALLOWED', 'refused-d: region us-east-1 is outside eu-*');
    });
    const t = createTransportFor('refused-d', { config });
    t.write(entry(1));
    t.write(entry(2));
    await t.close();
    d.stop();
    assert.equal(t.getStats().state, 'refused');
    assert.equal(t.getStats().dropped.refused, 2);
    assert.equal(d.lines.length, 2, d.lines.join('\n'));
    assert.match(
      d.lines[0]!,
      /^meridian: MERIDIAN_ERR_REGION_NOT_ALLOWED: exporter "refused-d" did not start: refused-d: region us-east-1 is outside eu-\*; its records are dropped and counted \(refused\)$/,
    );
    assert.match(d.lines[1]!, /lost 2 records in this process, counted by reason \(refused: 2\)/);
  });

  it('refused with a spool: records go to the spool for a later start whose exporter works', async () => {
    const dir = mkdtempSync(join(scratch, 'spool-'));
    const spooled = loadConfig({ MERIDIAN_SPOOL_DIR: dir, MERIDIAN_BATCH_DELAY_MS: '10' });
    const d = collectDiagnostics();
    registerExporter('refused-e', () => {
      throw new Error('bad endpoint');
    });
    const first = createTransportFor('refused-e', { config: spooled });
    for (let i = 0; i < 5; i++) first.write(entry(i));
    await first.close();
    d.stop();
    assert.equal(first.getStats().droppedTotal, 0);
    assert.equal(first.getStats().spooled, 5);
    assert.match(d.lines[0]!, /MERIDIAN_ERR_EXPORTER_REFUSED: exporter "refused-e" did not start: bad endpoint; its records go to the spool/);
    assert.ok(readdirSync(dir).some((f) => f.startsWith('refused-e.')));

    sink.reset();
    const second = createTransport({ exporter: createHttpNdjsonExporter({ url: sink.url, name: 'refused-e' }), config: spooled });
    await second.flush();
    assert.deepEqual(sink.acceptedIds(), [0, 1, 2, 3, 4]);
    await second.close();
  });

  it('attach() twice is refused with a diagnostic; the first exporter stays', async () => {
    sink.reset();
    const t = createTransport({ name: 'twice-f', config });
    t.attach(createHttpNdjsonExporter({ url: sink.url, name: 'twice-f' }));
    const d = collectDiagnostics();
    t.attach(createHttpNdjsonExporter({ url: 'http://127.0.0.1:9/', name: 'twice-f' }));
    d.stop();
    assert.match(d.lines.join('\n'), /already has an exporter/);
    t.write(entry(3));
    await t.flush();
    assert.deepEqual(sink.acceptedIds(), [3]);
    await t.close();
  });

  it('names are validated: a bad registry name is refused, a bad transport name falls back to "exporter"', () => {
    const d = collectDiagnostics();
    registerExporter('Bad Name', () => createHttpNdjsonExporter({ url: sink.url }));
    const t = createTransport({ name: '../etc', config });
    d.stop();
    assert.equal(registeredExporters().includes('Bad Name'), false);
    assert.equal(t.name, 'exporter');
    assert.equal(d.lines.length, 2, d.lines.join('\n'));
    void t.close();
  });
});
