/** Prints the precision/recall table of the labelled corpus: `pnpm --dir packages/redact run corpus`. */
import { loadConfig } from '@meridian/config';
import { createRedactor } from '../src/index.js';
import { evaluate, formatTable } from '../test/corpus/evaluate.js';

const redactor = createRedactor({ config: loadConfig({}), enabled: true, mode: 'mask' });
const e = evaluate(redactor);
console.log(formatTable(e));
if (process.argv.includes('--misses')) {
  for (const m of e.misses.slice(0, 40)) console.log('MISS', m.planted?.type, JSON.stringify(m.text), '→', JSON.stringify(redactor.redact(m.text)));
  for (const f of e.falsePositives.slice(0, 40)) console.log('FP', f.type, JSON.stringify(f.found), 'in', JSON.stringify(f.text));
  for (const t of e.touchedNegatives.slice(0, 40)) console.log('TOUCHED', JSON.stringify(t.text), '→', JSON.stringify(t.out));
}
