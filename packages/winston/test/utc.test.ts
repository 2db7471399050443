import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The timestamp must be UTC whatever TZ says: run a winston logger in a child under Asia/Hong_Kong (UTC+8).
test('timestamps are UTC (Z) under TZ=Asia/Hong_Kong, in the format output and in Meridian records', () => {
  const index = new URL('../src/index.js', import.meta.url).href;
  const script = `import winston from 'winston';
import { meridianFormat, MeridianTransport, closeWinston } from ${JSON.stringify(index)};
const lines = [];
const dest = { write: (e) => lines.push(e.line), flush: async () => {}, close: async () => {} };
const out = [];
const { Writable } = await import('node:stream');
const stream = new Writable({ write(c, _e, cb) { out.push(String(c).trim()); cb(); } });
const logger = winston.createLogger({
  format: winston.format.combine(meridianFormat(), winston.format.json()),
  transports: [new winston.transports.Stream({ stream }), new MeridianTransport({ destinations: [dest] })],
});
const before = Date.now();
logger.info('tick');
await closeWinston(logger);
console.log(JSON.stringify({ before, after: Date.now(), offset: new Date().getTimezoneOffset(), format: JSON.parse(out[0]).timestamp, meridian: JSON.parse(lines[0]).timestamp }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, TZ: 'Asia/Hong_Kong' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as { before: number; after: number; offset: number; format: string; meridian: string };
  assert.equal(got.offset, -480, 'the child really ran at UTC+8');
  for (const ts of [got.format, got.meridian]) {
    assert.match(ts, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const t = Date.parse(ts);
    // A local (UTC+8) wall-clock time written with Z would be 8 hours off and fail this.
    assert.ok(t >= got.before && t <= got.after, `${ts} is the UTC time of the call`);
  }
});
