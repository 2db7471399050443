import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../src/internal/error-codes.js';

const pkg = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) text += sources(p);
    else if (name.name.endsWith('.ts') && name.name !== 'error-codes.ts') text += readFileSync(p, 'utf8');
  }
  return text;
}

test('every MERIDIAN_ERR_DEVTOOLS_* code used in src is listed in error-codes.ts and the README, and vice versa', () => {
  const used = new Set(sources(join(pkg, 'src')).match(/MERIDIAN_ERR_DEVTOOLS_[A-Z_]+/g));
  const listed = new Set(Object.keys(ERROR_CODES));
  const readme = new Set(readFileSync(join(pkg, 'README.md'), 'utf8').match(/MERIDIAN_ERR_DEVTOOLS_[A-Z_]+/g));
  assert.deepEqual([...used].sort(), [...listed].sort(), 'codes used in src = codes in error-codes.ts');
  assert.deepEqual([...readme].sort(), [...listed].sort(), 'codes in the README = codes in error-codes.ts');
});
