// Every environment variable @meridian/config reads is documented in the repository README
// (and nothing documented there as MERIDIAN_* is unknown to the config), so the table cannot drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(pkg, '..', '..', 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const read = new Set<string>();
for (const file of sources(join(pkg, 'src'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/'((?:MERIDIAN|OTEL|AWS)_[A-Z0-9_]+)'/g)) {
    if (!m[1]!.startsWith('MERIDIAN_ERR_')) read.add(m[1]!);
  }
}

test('every variable the config reads is in the README table', () => {
  assert.ok(read.size > 60, `found ${read.size} variables in the config sources`);
  const missing = [...read].filter((v) => !readme.includes('`' + v + '`'));
  assert.deepEqual(missing, []);
});

test('every MERIDIAN_* variable the README names is read by the config', () => {
  const documented = new Set([...readme.matchAll(/`(MERIDIAN_[A-Z0-9_]+)`/g)].map((m) => m[1]!).filter((v) => !v.startsWith('MERIDIAN_ERR_')));
  const unknown = [...documented].filter((v) => !read.has(v));
  assert.deepEqual(unknown, []);
});
