import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { collectDiagnostics, loadConfig, type DiagnosticCollector } from '@meridian/config';
import type { LogEntry, Transport } from '@meridian/transport';
import { createElasticsearchExporter, createLogstashExporter, MAX_LABELS, toEcs } from '../src/index.js';
import { BulkServer } from '@meridian/testing';
import { fieldNameError } from '@meridian/testing';
import { JsonLinesServer } from './helpers/json-lines-server.js';
import { guards, transportFor } from './helpers/setup.js';
import { acceptedLine } from '../src/internal/line-keys.js';

const T = 1_763_700_000_000;
const entry = (fields: Record<string, unknown>, line?: string): LogEntry => ({
  time: T,
  level: 'info',
  levelValue: 30,
  line: line ?? JSON.stringify({ timestamp: new Date(T).toISOString(), level: 'info', message: 'search', service: 'search-api', ...fields }),
});

/** POST a raw _bulk body (one create per document) and return the per-item status and error reason. */
async function bulk(server: BulkServer, docs: string[]): Promise<Array<[number, string | undefined]>> {
  const body = docs.map((d, i) => `{"create":{"_index":"logs-t-default","_id":"d${i}-${server.requests}"}}\n${d}\n`).join('');
  const res = await fetch(`${server.url}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
  const out = (await res.json()) as { items: Array<{ create: { status: number; error?: { reason?: string } } }> };
  return out.items.map((i) => [i.create.status, i.create.error?.reason]);
}

describe('Elasticsearch field names', () => {
  let server: BulkServer | undefined;
  let transport: Transport | undefined;
  let diag!: DiagnosticCollector;
  beforeEach(() => {
    diag = collectDiagnostics();
  });
  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await server?.stop();
    server = undefined;
    diag.stop();
  });

  it("the bulk fake refuses the names Elasticsearch's document parser refuses, and takes the rest", async () => {
    server = await new BulkServer().start();
    const got = await bulk(server, [
      '{"":1}',
      '{" ":1}',
      '{"\\t\\n":1}',
      '{"\\u001f":1}',
      '{".a":1}',
      '{"a..b":1}',
      '{"a. .b":1}',
      '{"..":1}',
      '{"_id":1}',
      '{"_source.x":1}',
      '{"ok":{"":1}}',
      '{"ok":[{" ":1}]}',
      '{"a.":1}',
      '{"labels":{"_id":"x"}}',
      '{"\\u00a0":1}',
      '{"a b":1}',
      '{"_custom":1}',
    ]);
    const reasons = got.map(([status, reason]) => (status === 201 ? 'stored' : reason?.replace('[1:2] failed to parse: ', '')));
    assert.deepEqual(reasons, [
      'field name cannot be an empty string',
      'Field name cannot contain only whitespace: [ ]',
      'Field name cannot contain only whitespace: [\t\n]',
      'Field name cannot contain only whitespace: [\u001f]',
      "field name cannot contain only whitespace: ['.a']",
      "field name cannot contain only whitespace: ['a..b']",
      'field name starting or ending with a [.] makes object resolution ambiguous: [a. .b]',
      'field name cannot contain only dots',
      'Field [_id] is a metadata field and cannot be added inside a document. Use the index API request parameters.',
      'Field [_source] is a metadata field and cannot be added inside a document. Use the index API request parameters.',
      'field name cannot be an empty string',
      'Field name cannot contain only whitespace: [ok. ]',
      'stored',
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    assert.ok(got.slice(0, 12).every(([status]) => status === 400));
  });

  it('GET /search?=1 logged as req.log.info("search", req.query): the "" and " " fields are stored, not refused', async () => {
    server = await new BulkServer().start();
    transport = transportFor(
      createElasticsearchExporter({
        url: server.url,
        config: loadConfig({}),
        guards: guards(),
        service: 'search-api',
      }),
    );
    transport.write(entry({ '': '1', ' ': '2', '\t': '3', q: 'shoes' }));
    await transport.flush({ timeoutMs: 10_000 });
    const stats = transport.getStats();
    assert.equal(stats.dropped.permanent, 0, stats.lastError?.message);
    assert.equal(stats.sent, 1);
    const [doc] = [...server.stored.values()];
    assert.equal(fieldNameError(doc), undefined);
    assert.deepEqual(doc!.labels, { _: '1', __2: '2', __3: '3', q: 'shoes' });
  });

  it('toEcs: label keys that become the same after sanitising keep every value (later ones get _2, _3 …)', () => {
    const doc = toEcs({ timestamp: '2026-11-21T05:30:00.000Z', level: 'info', message: 'm', 'a.b': 1, a_b: 2, 'a*b': 3, '': 'e', ' ': 'w' }) as Record<
      string,
      any
    >;
    assert.equal(JSON.stringify(doc.labels), '{"a_b":"1","a_b_2":"2","a_b_3":"3","_":"e","__2":"w"}');
  });

  it('toEcs: a caller field named __proto__ or constructor is a label like any other', () => {
    const doc = toEcs('{"timestamp":"2026-11-21T05:30:00.000Z","level":"info","message":"m","__proto__":"p","constructor":"c"}') as Record<string, any>;
    assert.equal(JSON.stringify(doc.labels), '{"__proto__":"p","constructor":"c"}');
  });

  it('toEcs: a caller field named meridian_overflow keeps its value when the labels overflow', () => {
    const fields: Record<string, unknown> = { timestamp: '2026-11-21T05:30:00.000Z', level: 'info', message: 'm', meridian_overflow: 'mine' };
    for (let i = 0; i < MAX_LABELS + 2; i++) fields[`f${i}`] = i;
    const labels = (toEcs(fields) as Record<string, any>).labels as Record<string, string>;
    assert.equal(labels.meridian_overflow_2, 'mine');
    assert.deepEqual(Object.keys(JSON.parse(labels.meridian_overflow!) as object), ['f63', 'f64', 'f65']);
  });

  it('Logstash format meridian: only the keys Elasticsearch refuses are rewritten; other lines go as logged, byte for byte', () => {
    const exporter = createLogstashExporter({ url: 'tcp://127.0.0.1:5000', config: loadConfig({}), guards: guards(), format: 'meridian' });
    // eslint-disable-next-line no-loss-of-precision -- a number past 2^53, as a caller may log one
    const clean = entry({ q: 'a..b', note: ' . ', big: 12345678901234567890 }, undefined);
    const cleanLine = clean.line.replace('12345678901234567000', '12345678901234567890');
    assert.equal(exporter.encode([{ ...clean, line: cleanLine }]), cleanLine + '\n', 'a clean line is untouched');
    const dirty =
      '{"timestamp":"2026-11-21T05:30:00.000Z","level":"info","message":"m.","":"1"," ":"2","_":"3","_id":"x","a..b":1.50,' +
      '"nested":{"":{"z":[{" ":1}]},".x":2,"ok.":3,"_id":4},"big":12345678901234567890}';
    const sent = (exporter.encode([entry({}, dirty)]) as string).trimEnd();
    assert.equal(
      sent,
      '{"timestamp":"2026-11-21T05:30:00.000Z","level":"info","message":"m.","_":"1","__2":"2","__3":"3","__id":"x","a._.b":1.50,' +
        '"nested":{"_":{"z":[{"_":1}]},"_.x":2,"ok.":3,"_id":4},"big":12345678901234567890}',
    );
    assert.equal(fieldNameError(JSON.parse(sent)), undefined);
  });

  it('Logstash format meridian end to end: the record reaches the json_lines input with names Elasticsearch takes', async () => {
    const lines = await new JsonLinesServer().start();
    try {
      transport = transportFor(createLogstashExporter({ url: lines.url, config: loadConfig({}), guards: guards(), format: 'meridian', confirmMs: 100 }));
      transport.write(entry({ '': '1', ' ': '2' }));
      transport.write(entry({ ok: 'yes' }));
      await transport.flush({ timeoutMs: 5_000 });
      assert.deepEqual(
        lines.lines.map((l) => fieldNameError(l.doc)),
        [undefined, undefined],
      );
      assert.deepEqual(
        lines.lines.map((l) => [l.doc._, l.doc.__2, l.doc.ok]),
        [
          ['1', '2', undefined],
          [undefined, undefined, 'yes'],
        ],
      );
    } finally {
      await transport?.close();
      transport = undefined;
      await lines.stop();
    }
  });

  it('Logstash format ecs: the documents carry the same sanitised labels as the _bulk ones', async () => {
    const exporter = createLogstashExporter({ url: 'tcp://127.0.0.1:5000', config: loadConfig({}), guards: guards() });
    const doc = JSON.parse(exporter.encode([entry({ '': '1', ' ': '2' })]) as string) as Record<string, any>;
    assert.equal(fieldNameError(doc), undefined);
    assert.deepEqual(doc.labels, { _: '1', __2: '2' });
  });

  it('acceptedLine: escaped and tricky keys, and 2,000 generated documents: every name accepted, every value kept, in order', () => {
    // escapes in keys are decoded before the test: "\u0020" is a space, "\u005fid" is _id
    assert.equal(
      acceptedLine('{"\\u0020":1,"\\u005fid":2,"a\\u002e":3,"s":"\\":\\"","x":{"\\"":4}}'),
      '{"_":1,"__id":2,"a\\u002e":3,"s":"\\":\\"","x":{"\\"":4}}',
    );
    assert.equal(acceptedLine('not json {"":1'), 'not json {"":1', 'not a document: left as it is');
    // refused names hidden behind escapes or spacing are still found
    for (const line of [
      '{"a\\u002e\\u002eb":1}',
      '{"a\\u002E\\u0020":1}',
      '{"\\u005fid":1}',
      '{"x":{"a.\\t.b":1}}',
      '{"x":{"a.\\t":1}}',
      '{"x":{"a.\\u0020\\t.b":1}}',
      '{"x":{"a. ":1}}',
      '{"x":{" \\u0009.b":1}}',
      '{ "" : 1 }',
      '{\n  "a" : { " " : 2 }\n}',
      '{"a":{"b..":1,"c":{".":2}}}',
    ]) {
      const out = acceptedLine(line);
      assert.notEqual(fieldNameError(JSON.parse(line)), undefined, `${line} is refused as it is`);
      assert.equal(fieldNameError(JSON.parse(out)), undefined, `${line} -> ${out}`);
    }
    assert.equal(acceptedLine('[{"":1}]'), '[{"":1}]', 'a document is an object: an array line is left as it is');
    let seed = 7;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    const names = ['', ' ', '\t', '.', '..', '.a', 'a.', 'a..b', 'a. .b', '_id', '_source', '_', '__2', 'ok', 'a.b', '\u3000', 'é', '"q"', 'a\\b'];
    // eslint-disable-next-line no-loss-of-precision -- a number past 2^53, as a caller may log one
    const leaves: unknown[] = ['v', 1.5, -0, 12345678901234567890, true, null, ' . ', '":"'];
    const gen = (depth: number): unknown => {
      if (depth > 2 || rand(3) === 0) return leaves[rand(leaves.length)];
      if (rand(4) === 0) return Array.from({ length: rand(3) }, () => gen(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = rand(5); i >= 0; i--)
        Object.defineProperty(o, names[rand(names.length)]!, { value: gen(depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    };
    const flat = (v: unknown, out: unknown[] = []): unknown[] => {
      if (Array.isArray(v)) for (const x of v) flat(x, out);
      else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) flat((v as Record<string, unknown>)[k], out);
      else out.push(v);
      return out;
    };
    let rewritten = 0;
    for (let i = 0; i < 2_000; i++) {
      const line = JSON.stringify({ message: 'm', ...(gen(0) as object) });
      const out = acceptedLine(line);
      if (out !== line) rewritten++;
      const doc = JSON.parse(out) as unknown;
      assert.equal(fieldNameError(doc), undefined, `${line} -> ${out}`);
      assert.deepEqual(flat(doc), flat(JSON.parse(line)), `values kept, in order: ${line} -> ${out}`);
      if (fieldNameError(JSON.parse(line)) === undefined) assert.equal(out, line, 'an accepted line is not touched');
    }
    assert.ok(rewritten > 500 && rewritten < 2_000, `the generator makes both kinds of lines (${rewritten} rewritten)`);
    // every short key over an alphabet of the characters that matter, written plain and as \u escapes, at the root and nested
    const alphabet = ['a', '.', ' ', '\t', '_', '\u3000', 'i', 'd'];
    let refused = 0;
    for (let i = 0; i < 4_000; i++) {
      let key = '';
      for (let n = rand(6); n > 0; n--) key += alphabet[rand(alphabet.length)];
      const token = rand(2) === 0 ? JSON.stringify(key) : `"${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
      for (const line of [`{"m":"x",${token}:1}`, `{"m":{"n":[{${token}:2}]}}`]) {
        if (fieldNameError(JSON.parse(line)) === undefined) continue;
        refused++;
        assert.equal(fieldNameError(JSON.parse(acceptedLine(line))), undefined, `${line} -> ${acceptedLine(line)}`);
      }
    }
    assert.ok(refused > 1_000, `${refused} refused keys tried`);
  });
});
