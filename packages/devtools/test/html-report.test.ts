import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, renderHtmlReport } from '../src/index.js';
import { fixtureLogs, fixtureTrace, log } from './helpers/fixtures.js';

test('HTML report: self-contained page with the trace tree, durations, UTC times and logs', () => {
  const html = renderHtmlReport([fixtureTrace()], fixtureLogs(), { generatedAt: new Date(Date.UTC(2026, 10, 21, 6, 0, 0)) });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<style>[^<]+<\/style>/);
  assert.ok(!/<(script|link|img|iframe)\b/i.test(html), 'no scripts or external assets');
  assert.ok(!/(src|href)=/i.test(html), 'nothing loaded from elsewhere');
  assert.match(html, /generated 2026-11-21T06:00:00\.000Z/);
  const order = [
    'GET /checkout',
    '├─ POST /api/orders (client)',
    '└─ POST /api/orders (server)',
    'creating order',
    '├─ INSERT orders',
    'row inserted',
    '└─ publish order.created',
    'publish failed',
    '└─ render',
  ];
  let at = -1;
  for (const needle of order) {
    const i = html.indexOf(needle, at + 1);
    assert.ok(i > at, `${needle} after the previous row`);
    at = i;
  }
  assert.match(html, /<td class="dur">80\.00 ms<\/td><td class="status"><\/td>/);
  assert.match(html, /<tr class="span error">.*publish order\.created.*ERROR: broker down/);
  assert.match(html, /2026-11-21T05:10:33\.059Z <span class="level-error">ERROR<\/span> publish failed/);
  assert.match(html, /Logs outside these traces \(1\)/, "the other trace's log is listed separately");
});

test('HTML report: received text is escaped (a <script> in a log message stays text)', () => {
  const trace = fixtureTrace();
  trace.spans[0].name = 'GET /search?q=<b>&x="1"';
  const evil = log('000000000000000b', 17, 'INFO', 9, '<script>alert("pwned")</script>', { html: '<img src=x onerror=alert(1)>' });
  const html = renderHtmlReport([trace], [evil]);
  assert.ok(!html.includes('<script>'), 'no live script tag');
  assert.ok(!html.includes('<img'), 'no live img tag');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('html=&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('GET /search?q=&lt;b&gt;&amp;x=&quot;1&quot;'));
  assert.equal(escapeHtml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
});
