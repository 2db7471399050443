// Each public package exports what its README documents (issue 11): every name an entry point
// exports (values and types, read from the compiled declarations) appears in the package README, and
// no README sends users into a package's internals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { apiSurface } = (await import(new URL('../../scripts/api-surface.mjs', import.meta.url).href)) as {
  apiSurface(): Record<string, Record<string, string[]>>;
};

function readme(pkg: string): string {
  return readFileSync(join(root, 'packages', pkg.replace('@meridian/', ''), 'README.md'), 'utf8');
}

test('every exported name of every public package is named in its README', () => {
  const surface = apiSurface();
  assert.ok(Object.keys(surface).length >= 15, `public packages found: ${Object.keys(surface).length}`);
  const problems: string[] = [];
  for (const [pkg, entries] of Object.entries(surface)) {
    const text = readme(pkg);
    for (const [entry, names] of Object.entries(entries)) {
      for (const name of names) {
        if (!new RegExp(`\\b${name}\\b`).test(text))
          problems.push(
            `${pkg}${entry === '.' ? '' : entry.slice(1)} exports ${name}, which packages/${pkg.replace('@meridian/', '')}/README.md does not name: document it, or stop exporting it`,
          );
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("no README imports from a package's internals", () => {
  const problems: string[] = [];
  for (const pkg of Object.keys(apiSurface())) {
    for (const m of readme(pkg).matchAll(/from '(@meridian\/[a-z-]+\/[^']*)'/g)) {
      if (!m[1]!.endsWith('/register')) problems.push(`${pkg} README imports ${m[1]}`);
    }
  }
  assert.deepEqual(problems, []);
});
