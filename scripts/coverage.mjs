// Test coverage per package, each against its floor (issue 14).
// Usage: node scripts/coverage.mjs [filter]     (build first: npx -y pnpm@12 coverage does both)
// Runs the test suite (scripts/run-tests.mjs, same filter) under c8, which collects V8 coverage from every
// process the tests start and maps it through the source maps onto packages/<name>/src/*.ts. Prints each
// public package's line and branch coverage next to its floor (scripts/coverage-floors.json) as the
// Markdown table the root README shows, and exits non-zero when a test failed or a package is under its
// floor. Reports: coverage/coverage-summary.json and coverage/lcov.info.
//   node scripts/coverage.mjs --report-only   recompute the table from the last run's coverage/ data
//   --write-readme                            also put the table in the root README (between its coverage-table markers)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportsDir = join(root, 'coverage');
const floorsFile = join(root, 'scripts', 'coverage-floors.json');

/** Public packages by directory name → npm name. */
export function publicPackages() {
  const out = new Map();
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const f = join(root, 'packages', dir, 'package.json');
    if (!existsSync(f)) continue;
    const pkg = JSON.parse(readFileSync(f, 'utf8'));
    if (pkg.private !== true) out.set(dir, pkg.name);
  }
  return out;
}

/** `{ "@meridian/x": { lines, branches } }`: the floors CI holds each package to, in percent. */
export function readFloors() {
  return JSON.parse(readFileSync(floorsFile, 'utf8'));
}

/**
 * Line and branch coverage per package from c8's json-summary (`{ [absolute file]: { lines, branches } }`):
 * the files under packages/<dir>/src/ summed per package.
 */
export function perPackage(summary, packages, base = root) {
  const totals = new Map();
  for (const [file, s] of Object.entries(summary)) {
    if (file === 'total') continue;
    const parts = relative(base, file).split(sep);
    if (parts[0] !== 'packages' || parts[2] !== 'src' || !packages.has(parts[1])) continue;
    const name = packages.get(parts[1]);
    const t = totals.get(name) ?? { lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 } };
    t.lines.covered += s.lines.covered;
    t.lines.total += s.lines.total;
    t.branches.covered += s.branches.covered;
    t.branches.total += s.branches.total;
    totals.set(name, t);
  }
  const pct = (c) => (c.total === 0 ? 100 : Math.floor((c.covered / c.total) * 1000) / 10);
  return new Map([...totals].sort(([a], [b]) => a.localeCompare(b)).map(([n, t]) => [n, { lines: pct(t.lines), branches: pct(t.branches) }]));
}

/** Packages under a floor (or without one, or without coverage), one sentence each. */
export function floorProblems(measured, floors, packages) {
  const out = [];
  for (const name of packages.values()) {
    const m = measured.get(name);
    const f = floors[name];
    if (f === undefined) out.push(`${name}: no floor in scripts/coverage-floors.json`);
    else if (m === undefined) out.push(`${name}: no coverage measured (did its tests run?)`);
    else {
      if (m.lines < f.lines) out.push(`${name}: lines ${m.lines}% is under the floor of ${f.lines}%`);
      if (m.branches < f.branches) out.push(`${name}: branches ${m.branches}% is under the floor of ${f.branches}%`);
    }
  }
  return out;
}

/** The README's text with the part between `<!-- coverage-table -->` and `<!-- /coverage-table -->` replaced. */
export function withTable(readme, table) {
  const start = '<!-- coverage-table -->';
  const end = '<!-- /coverage-table -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i === -1 || j < i) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${readme.slice(0, i + start.length)}\n${table}\n${readme.slice(j)}`;
}

export function markdownTable(measured, floors) {
  const rows = ['| package | lines % | branches % | floor (lines / branches) |', '|---|---:|---:|---:|'];
  for (const [name, m] of measured) {
    const f = floors[name];
    rows.push(`| \`${name}\` | ${m.lines} | ${m.branches} | ${f ? `${f.lines} / ${f.branches}` : '—'} |`);
  }
  return rows.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const filter = args.find((a) => !a.startsWith('--'));
  let status = 0;
  if (!args.includes('--report-only')) {
    const c8 = join(dirname(createRequire(join(root, 'package.json')).resolve('c8/package.json')), 'bin', 'c8.js');
    const r = spawnSync(
      process.execPath,
      [
        c8,
        '--all',
        '--include',
        'packages/*/dist/src/**/*.js',
        '--exclude',
        'packages/testing/**',
        '--reporter',
        'json-summary',
        '--reporter',
        'lcovonly',
        '--reports-dir',
        reportsDir,
        '--temp-directory',
        join(reportsDir, 'tmp'),
        process.execPath,
        'scripts/run-tests.mjs',
        ...(filter ? [filter] : []),
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, MERIDIAN_COVERAGE: '' } },
    );
    status = r.status ?? 1;
    if (status !== 0) console.error(`coverage: the tests failed (exit ${status}); coverage of this run follows`);
  }
  const summary = JSON.parse(readFileSync(join(reportsDir, 'coverage-summary.json'), 'utf8'));
  const packages = publicPackages();
  const measured = perPackage(summary, packages);
  const floors = readFloors();
  console.log(`\ncoverage (node ${process.version}; lines and branches of packages/<name>/src):\n\n${markdownTable(measured, floors)}\n`);
  if (args.includes('--write-readme')) {
    const day = new Date().toISOString().slice(0, 10);
    const text = `Measured on Node ${process.versions.node.split('.')[0]} on ${day}:\n\n${markdownTable(measured, floors)}`;
    writeFileSync(join(root, 'README.md'), withTable(readFileSync(join(root, 'README.md'), 'utf8'), text));
  }
  const problems = filter ? [] : floorProblems(measured, floors, packages);
  for (const p of problems) console.error(`coverage: ${p}`);
  if (problems.length > 0) status = status || 1;
  process.exit(status);
}
