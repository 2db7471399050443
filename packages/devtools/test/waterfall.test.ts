import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderWaterfall } from '../src/index.js';
import { fixtureLogs, fixtureTrace, TRACE_ID } from './helpers/fixtures.js';

function lineIndex(lines: string[], needle: string): number {
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `a line containing ${JSON.stringify(needle)}`);
  return i;
}

test('waterfall: header, tree order across services, durations, status, logs under their span', () => {
  const text = renderWaterfall(fixtureTrace(), fixtureLogs(), { width: 120 });
  const lines = text.split('\n');
  assert.match(lines[0], new RegExp(`^trace ${TRACE_ID}  2026-11-21T05:10:33\\.000Z  120\\.0 ms  6 spans  services: frontend, orders$`));
  assert.match(lines[1], /^SERVICE\s+SPAN\s+0 ms\s+120\.0 ms\s+DURATION$/);

  // Tree order: children under their parent, siblings by start time, glyphs showing the shape.
  const expected = [
    /^frontend\s+GET \/checkout \(server\)\s+\|█+\|\s+120\.0 ms$/,
    /^frontend\s+├─ POST \/api\/orders \(client\)\s+\|/,
    /^orders\s+│  └─ POST \/api\/orders \(server\)\s+\|.*\|\s+80\.00 ms$/,
    /^orders\s+│     ├─ INSERT orders \(client\)\s+\|.*\|\s+20\.00 ms$/,
    /^orders\s+│     └─ publish order\.created \(producer\)\s+\|.*\|\s+10\.00 ms  ✗ ERROR broker down$/,
    /^frontend\s+└─ render\s+\|.*\|\s+18\.00 ms$/,
  ];
  const spanLines = lines.filter((l) => /^(frontend|orders) /.test(l));
  assert.equal(spanLines.length, expected.length);
  spanLines.forEach((l, i) => assert.match(l, expected[i]));

  // Each log sits right under its span (after the span's line, before the next span's line).
  const server = lineIndex(lines, '└─ POST /api/orders (server)');
  const insert = lineIndex(lines, 'INSERT orders');
  const publish = lineIndex(lines, 'publish order.created');
  const creating = lineIndex(lines, 'creating order');
  const inserted = lineIndex(lines, 'row inserted');
  const failed = lineIndex(lines, 'publish failed');
  assert.ok(server < creating && creating < insert, 'creating order under the orders server span');
  assert.ok(insert < inserted && inserted < publish, 'row inserted under INSERT');
  assert.ok(publish < failed && failed < lineIndex(lines, '└─ render'), 'publish failed under publish');
  assert.match(lines[creating], /│     │  2026-11-21T05:10:33\.016Z INFO  creating order  customer=c-42 items=3 total=99\.5 \(\+1 more\)$/);
  assert.match(lines[failed], /2026-11-21T05:10:33\.059Z ERROR publish failed  topic=orders attempt=3$/);

  // A log of this trace whose span never arrived is listed at the end; other traces' logs are not shown.
  assert.match(
    text,
    /logs in this trace from spans not received \(1\):\n  2026-11-21T05:10:33\.070Z WARN  from a span never received  span=0000000000000099\n$/,
  );
  assert.ok(!text.includes('other trace, same span id'));
});

test('waterfall: bars sit on one time axis', () => {
  const lines = renderWaterfall(fixtureTrace(), [], { width: 100 }).split('\n');
  const bar = (needle: string) => {
    const l = lines[lineIndex(lines, needle)];
    const m = /\|( *)(█+)( *)\|/.exec(l);
    assert.ok(m, `a bar on ${needle}`);
    return { from: m[1].length, len: m[2].length, width: m[1].length + m[2].length + m[3].length };
  };
  const root = bar('GET /checkout');
  const insert = bar('INSERT orders');
  const render = bar('render');
  assert.equal(root.from, 0);
  assert.equal(root.len, root.width, 'the root spans the whole axis');
  assert.equal(insert.from, Math.floor((20 / 120) * insert.width));
  assert.ok(render.from > insert.from + insert.len, 'render starts after INSERT ends');
  assert.ok(render.from + render.len <= render.width);
  for (const l of lines.filter((x) => /^(frontend|orders) /.test(x))) assert.ok(l.length <= 100 + 30, 'width respected (status text aside)');
});

test('waterfall: colour only when asked; an error span is red', () => {
  const plain = renderWaterfall(fixtureTrace(), fixtureLogs());
  assert.ok(!plain.includes('\x1b['), 'no ANSI codes by default');
  const coloured = renderWaterfall(fixtureTrace(), fixtureLogs(), { color: true });
  // eslint-disable-next-line no-control-regex -- the ANSI escapes are what is asserted
  assert.match(coloured, /\x1b\[31m✗ ERROR broker down\x1b\[0m/);
});

test('waterfall: a span whose parent never arrived is shown as a root, marked', () => {
  const trace = fixtureTrace();
  const spans = trace.spans.filter((s) => s.name !== 'GET /checkout');
  const text = renderWaterfall({ ...trace, spans }, []);
  assert.match(text, /\nfrontend\s+POST \/api\/orders \(client\) \(parent not received\)/);
});
