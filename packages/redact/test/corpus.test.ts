import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, formatTable } from './corpus/evaluate.js';
import { generateCorpus } from './corpus/generator.js';
import { redactor } from './helpers.js';

test('labelled corpus: ≥ 99 % recall per type, ≥ 99.5 % of negatives untouched, records clean', () => {
  const corpus = generateCorpus();
  assert.ok(corpus.some((s) => s.lang === 'zh') && corpus.some((s) => s.lang === 'en'));
  const e = evaluate(redactor(), corpus);
  const table = formatTable(e);
  for (const t of e.types) {
    assert.ok(t.planted >= 100, `${t.type}: only ${t.planted} planted`);
    assert.ok(t.recall >= 0.99, `${t.type} recall ${t.recall}\n${table}`);
    assert.ok(t.precision >= 0.99, `${t.type} precision ${t.precision}\n${table}`);
  }
  assert.ok(e.negativesUntouched / e.negatives >= 0.995, table);
  assert.equal(e.recordsClean, e.records, table);
});

test('the corpus is deterministic for a seed', () => {
  assert.deepEqual(generateCorpus(5, 3, 5), generateCorpus(5, 3, 5));
});
