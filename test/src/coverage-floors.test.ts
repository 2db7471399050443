// Coverage floors (issue 14): every public package has one, the root README's table shows the floors CI
// enforces (scripts/coverage-floors.json), and scripts/coverage.mjs sums, compares and reports correctly.
// The measuring itself runs in CI (`npx -y pnpm@12 coverage`), not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Pct = { lines: number; branches: number };
type Counts = { covered: number; total: number };
const coverage = (await import(new URL('../../scripts/coverage.mjs', import.meta.url).href)) as {
  publicPackages(): Map<string, string>;
  readFloors(): Record<string, Pct>;
  perPackage(summary: Record<string, { lines: Counts; branches: Counts }>, packages: Map<string, string>, base?: string): Map<string, Pct>;
  floorProblems(measured: Map<string, Pct>, floors: Record<string, Pct>, packages: Map<string, string>): string[];
  markdownTable(measured: Map<string, Pct>, floors: Record<string, Pct>): string;
  withTable(readme: string, table: string): string;
};
const root = fileURLToPath(new URL('../../', import.meta.url));

test('every public package has a line and a branch floor, and no floor names a package that is not public', () => {
  const floors = coverage.readFloors();
  const names = [...coverage.publicPackages().values()].sort();
  assert.deepEqual(Object.keys(floors).sort(), names);
  for (const [name, f] of Object.entries(floors)) {
    for (const k of ['lines', 'branches'] as const) {
      assert.ok(Number.isFinite(f[k]) && f[k] >= 50 && f[k] <= 100, `${name}: ${k} floor ${f[k]} (expected 50–100)`);
    }
  }
});

test('the README coverage table shows each package with the floor CI enforces, measured at or above it', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = /<!-- coverage-table -->([\s\S]*?)<!-- \/coverage-table -->/.exec(readme)?.[1] ?? '';
  const rows = [...table.matchAll(/^\| `(@meridian\/[\w-]+)` \| ([\d.]+) \| ([\d.]+) \| (\d+) \/ (\d+) \|$/gm)];
  const floors = coverage.readFloors();
  assert.deepEqual(rows.map((r) => r[1]).sort(), Object.keys(floors).sort(), 'one row per package');
  for (const [, name, lines, branches, fl, fb] of rows) {
    assert.deepEqual({ lines: Number(fl), branches: Number(fb) }, floors[name!], `${name}: README floor differs from scripts/coverage-floors.json`);
    assert.ok(Number(lines) >= Number(fl) && Number(branches) >= Number(fb), `${name}: the README shows it under its own floor`);
  }
  assert.match(readme, /npx -y pnpm@12 coverage/, 'the README names the command');
});

test('perPackage sums the files under packages/<name>/src per package and leaves everything else out', () => {
  const packages = new Map([
    ['a', '@meridian/a'],
    ['b', '@meridian/b'],
  ]);
  const c = (covered: number, total: number): Counts => ({ covered, total });
  const summary = {
    total: { lines: c(0, 0), branches: c(0, 0) },
    '/r/packages/a/src/x.ts': { lines: c(90, 100), branches: c(8, 10) },
    '/r/packages/a/src/internal/y.ts': { lines: c(10, 100), branches: c(2, 10) },
    '/r/packages/a/test/z.ts': { lines: c(0, 100), branches: c(0, 10) },
    '/r/packages/b/src/x.ts': { lines: c(3, 3), branches: c(0, 0) },
    '/r/packages/testing/src/h.ts': { lines: c(0, 50), branches: c(0, 5) },
  };
  const measured = coverage.perPackage(summary, packages, '/r');
  assert.deepEqual(measured.get('@meridian/a'), { lines: 50, branches: 50 });
  assert.deepEqual(measured.get('@meridian/b'), { lines: 100, branches: 100 }, 'no branches at all counts as fully covered');
  assert.equal(measured.size, 2);
  const problems = coverage.floorProblems(measured, { '@meridian/a': { lines: 60, branches: 40 } }, new Map([...packages, ['c', '@meridian/c']]));
  assert.deepEqual(problems, [
    '@meridian/a: lines 50% is under the floor of 60%',
    '@meridian/b: no floor in scripts/coverage-floors.json',
    '@meridian/c: no floor in scripts/coverage-floors.json',
  ]);
  assert.deepEqual(coverage.floorProblems(measured, { '@meridian/a': { lines: 50, branches: 50 }, '@meridian/b': { lines: 99, branches: 99 } }, packages), []);
  const table = coverage.markdownTable(measured, { '@meridian/a': { lines: 45, branches: 40 } });
  assert.match(table, /^\| `@meridian\/a` \| 50 \| 50 \| 45 \/ 40 \|$/m);
  assert.equal(
    coverage.withTable('x\n<!-- coverage-table -->\nold\n<!-- /coverage-table -->\ny', 'new'),
    'x\n<!-- coverage-table -->\nnew\n<!-- /coverage-table -->\ny',
  );
});
