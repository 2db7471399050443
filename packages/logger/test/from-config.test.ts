import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@meridian/config';
import { createLogger } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'meridian-cfg-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('without destinations, MERIDIAN_LOG_EXPORTERS=file and MERIDIAN_LOG_FILE* build a file destination', async () => {
  const dir = join(mkdtempSync(join(root, 'case-')), 'logs');
  const env = {
    MERIDIAN_LOG_EXPORTERS: 'file',
    MERIDIAN_LOG_FILE: join(dir, 'svc.log'),
    MERIDIAN_LOG_FILE_ROTATE: '200B',
    MERIDIAN_LOG_FILE_KEEP: '1',
    MERIDIAN_LOG_FILE_COMPRESS: 'false',
    MERIDIAN_LOG_MAX_STRING_LENGTH: '64',
    MERIDIAN_LOG_MAX_DEPTH: '1',
  };
  {
    // the configuration is injected: no process.env edits
    const log = createLogger({ config: loadConfig(env), service: 'cfg', timeNow: () => Date.UTC(2026, 10, 21) });
    for (let i = 0; i < 4; i++) log.info('z'.repeat(100), { i, deep: { a: { b: 1 } } });
    await log.close();
    // size rotation at 200 bytes (3 rotations, named with today's UTC date), one rotated file kept, not compressed
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 2);
    assert.match(files[0], /^svc\.\d{4}-\d{2}-\d{2}\.2\.log$/);
    assert.equal(files[1], 'svc.log');
    const rec = JSON.parse(readFileSync(join(dir, 'svc.log'), 'utf8')) as Record<string, unknown>;
    assert.equal(rec.message, 'z'.repeat(64) + '…[truncated 36 chars]');
    assert.deepEqual(rec.deep, { a: '[Object]' });
    assert.equal(rec.i, 3);
  }
});

test('options in code win over the environment: destinations given → no file is created', async () => {
  const dir = join(mkdtempSync(join(root, 'case-')), 'logs');
  const config = loadConfig({ MERIDIAN_LOG_EXPORTERS: 'file', MERIDIAN_LOG_FILE: join(dir, 'svc.log') });
  {
    const lines: string[] = [];
    const log = createLogger({
      config,
      destinations: [
        {
          write: (e) => {
            lines.push(e.line);
          },
          flush: async () => {},
          close: async () => {},
        },
      ],
      maxStringLength: 1000,
    });
    log.info('x'.repeat(500));
    await log.close();
    assert.equal((JSON.parse(lines[0]) as { message: string }).message.length, 500);
    assert.throws(() => readdirSync(dir), { code: 'ENOENT' });
  }
});
