/** Precision/recall of a redactor over the labelled corpus. */
import type { Redactor } from '../../src/index.js';
import { generateCorpus, generateRecords, PLANTED_TYPES, type Sample } from './generator.js';

export interface TypeScore {
  type: string;
  planted: number;
  found: number;
  falsePositives: number;
  recall: number;
  precision: number;
}

export interface Evaluation {
  types: TypeScore[];
  negatives: number;
  negativesUntouched: number;
  records: number;
  recordsClean: number;
  misses: Sample[];
  touchedNegatives: Array<{ text: string; out: string }>;
  falsePositives: Array<{ type: string; text: string; found: string }>;
}

function get(o: unknown, path: string): unknown {
  let cur = o;
  for (const p of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return cur;
}

export function evaluate(redactor: Redactor, samples: Sample[] = generateCorpus()): Evaluation {
  const score = new Map<string, TypeScore>();
  for (const t of PLANTED_TYPES) score.set(t, { type: t, planted: 0, found: 0, falsePositives: 0, recall: 0, precision: 0 });
  const misses: Sample[] = [];
  const touched: Array<{ text: string; out: string }> = [];
  const fps: Evaluation['falsePositives'] = [];
  let negatives = 0;
  let untouched = 0;
  for (const s of samples) {
    const findings = redactor.scan(s.text);
    const p = s.planted;
    if (p !== undefined) {
      const sc = score.get(p.type)!;
      sc.planted++;
      const hit = findings.some((f) => f.type === p.type && f.start <= p.start && f.end >= p.end);
      if (hit && !redactor.redact(s.text).includes(p.value)) sc.found++;
      else misses.push(s);
    } else {
      negatives++;
      const out = redactor.redact(s.text);
      if (out === s.text) untouched++;
      else touched.push({ text: s.text, out });
    }
    for (const f of findings) {
      const ok = p !== undefined && f.type === p.type && f.start < p.end && f.end > p.start;
      if (!ok) {
        fps.push({ type: f.type, text: s.text, found: s.text.slice(f.start, f.end) });
        const sc = score.get(f.type);
        if (sc !== undefined) sc.falsePositives++;
      }
    }
  }
  for (const sc of score.values()) {
    sc.recall = sc.planted === 0 ? 1 : sc.found / sc.planted;
    sc.precision = sc.found + sc.falsePositives === 0 ? 1 : sc.found / (sc.found + sc.falsePositives);
  }
  const recs = generateRecords();
  let clean = 0;
  for (const rs of recs) {
    const out = redactor.redact(rs.record);
    const json = JSON.stringify(out);
    const leaked = rs.secrets.some((x) => json.includes(x));
    const kept = rs.kept.every((path) => get(out, path) === get(rs.record, path));
    if (!leaked && kept) clean++;
  }
  return {
    types: [...score.values()],
    negatives,
    negativesUntouched: untouched,
    records: recs.length,
    recordsClean: clean,
    misses,
    touchedNegatives: touched,
    falsePositives: fps,
  };
}

export function formatTable(e: Evaluation): string {
  const pct = (x: number): string => (x * 100).toFixed(2) + ' %';
  const lines = ['| type | planted | found | false positives | recall | precision |', '|---|---:|---:|---:|---:|---:|'];
  for (const t of e.types) lines.push(`| ${t.type} | ${t.planted} | ${t.found} | ${t.falsePositives} | ${pct(t.recall)} | ${pct(t.precision)} |`);
  const tp = e.types.reduce((a, t) => a + t.found, 0);
  const pl = e.types.reduce((a, t) => a + t.planted, 0);
  const fp = e.types.reduce((a, t) => a + t.falsePositives, 0);
  lines.push(`| **all** | ${pl} | ${tp} | ${fp} | ${pct(tp / pl)} | ${pct(tp / (tp + fp))} |`);
  lines.push('');
  lines.push(
    `Negatives untouched: ${e.negativesUntouched} / ${e.negatives} (${pct(e.negativesUntouched / e.negatives)}). ` +
      `Structured records fully clean (no planted value in the output, non-sensitive fields unchanged): ${e.recordsClean} / ${e.records}.`,
  );
  return lines.join('\n');
}
