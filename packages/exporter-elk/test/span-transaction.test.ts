// transaction.id on span documents: Elastic APM groups a transaction's spans by it, and a span alone does
// not know its local root. The span exporter learns it at each span's start (ItemExporter.onStart, called
// by @meridian/tracing's processor with the span's local parent) and writes it at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '@meridian/config';
import { createElasticsearchSpanExporter, type EcsSpanInput } from '../src/index.js';
import { guards } from './helpers/setup.js';
import { span, threeSpanTrace } from './helpers/spans.js';

type Doc = { processor: { event: string }; span: { id: string }; transaction?: { id: string } };

function exporter() {
  return createElasticsearchSpanExporter({ url: 'http://127.0.0.1:9', config: loadConfig({}), guards: guards() });
}
const docOf = (e: ReturnType<typeof exporter>, s: EcsSpanInput): Doc => JSON.parse(e.toEntry(s).line as string) as Doc;

test('a span document carries the id of the transaction it started under, however deep', () => {
  const e = exporter();
  const [ledger, server, charge] = threeSpanTrace() as [EcsSpanInput, EcsSpanInput, EcsSpanInput];
  // Started as the SDK starts them: the server span (no parent), charge under it, the ledger call under charge.
  e.onStart!(server, undefined);
  e.onStart!(charge, server);
  e.onStart!(ledger, charge);
  // Ended in the SDK's order: innermost first.
  const docs = [ledger, charge, server].map((s) => docOf(e, s));
  assert.deepEqual(
    docs.map((d) => [d.processor.event, d.span.id, d.transaction?.id]),
    [
      ['span', 'cccccccccccccccc', 'aaaaaaaaaaaaaaaa'],
      ['span', 'bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa'],
      ['transaction', 'aaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaa'],
    ],
  );
});

test('a SERVER span inside a local span is a transaction of its own; its children belong to it', () => {
  const e = exporter();
  const outer = span({ name: 'job', spanId: '1111111111111111', kind: 0, start: 0, end: 10 });
  const inner = span({ name: 'GET /x', spanId: '2222222222222222', parent: { spanId: '1111111111111111' }, kind: 1, start: 1, end: 9 });
  const db = span({ name: 'SELECT', spanId: '3333333333333333', parent: { spanId: '2222222222222222' }, kind: 2, start: 2, end: 8 });
  e.onStart!(outer, undefined);
  e.onStart!(inner, outer);
  e.onStart!(db, inner);
  assert.equal(docOf(e, db).transaction?.id, '2222222222222222');
  assert.equal(docOf(e, inner).transaction?.id, '2222222222222222');
});

test('a span whose start was not seen (or whose parent is unknown) has no transaction.id, as before: never a wrong one', () => {
  const e = exporter();
  const [ledger, server, charge] = threeSpanTrace() as [EcsSpanInput, EcsSpanInput, EcsSpanInput];
  assert.equal(docOf(e, charge).transaction, undefined, 'onStart never called');
  e.onStart!(ledger, undefined); // a local parent the processor could not find in the context
  assert.equal(docOf(e, ledger).transaction, undefined);
  const other = exporter();
  other.onStart!(server, undefined);
  other.onStart!(charge, server);
  assert.equal(docOf(e, charge).transaction, undefined, 'what one exporter learnt is its own');
});
