import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadConfig } from '@meridian/config';
import { createTransport, type ExportResult, type Exporter } from '../src/index.js';
import { entry } from './helpers/entries.js';

/** An exporter whose destination throttles record 1 of every batch `throttles` times (per-item 429), then accepts. */
function throttling(throttles: number, unavailable: boolean): Exporter & { sends: number[][] } {
  let left = throttles;
  const sends: number[][] = [];
  return {
    name: 'throttling',
    network: false,
    sends,
    encode: (records) => records.map((r) => r.line).join('\n'),
    async send(req): Promise<ExportResult> {
      const ids = req.records.map((r) => (JSON.parse(r.line) as { i: number }).i);
      sends.push(ids);
      const at = ids.indexOf(1);
      if (at >= 0 && left > 0) {
        left--;
        return { outcome: 'partial', failed: [{ index: at, retryable: true, error: '429' }], unavailable };
      }
      return { outcome: 'ok' };
    },
  };
}

const config = loadConfig({});
const fast = { config, maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 5, batchDelayMs: 0 };

it('per-item throttling (partial + unavailable) is retried without using up attempts', async () => {
  const ex = throttling(5, true);
  const t = createTransport({ exporter: ex, ...fast });
  for (const i of [0, 1, 2]) t.write(entry(i));
  await t.flush({ timeoutMs: 5000 });
  const s = t.getStats();
  assert.equal(s.sent, 3, 'every record delivered although it was throttled 5 times with maxAttempts 2');
  assert.equal(s.dropped.max_attempts, 0);
  assert.deepEqual(ex.sends.slice(1), [[1], [1], [1], [1], [1]], 'only the throttled record is resent');
  await t.close();
});

it('without the unavailable flag the same failures use up attempts', async () => {
  const ex = throttling(5, false);
  const t = createTransport({ exporter: ex, ...fast });
  for (const i of [0, 1, 2]) t.write(entry(i));
  await t.flush({ timeoutMs: 5000 });
  const s = t.getStats();
  assert.equal(s.sent, 2);
  assert.equal(s.dropped.max_attempts, 1);
  await t.close();
});
