// Runs every compiled test file of the workspace with Node's built-in test runner.
// Usage: node scripts/run-tests.mjs [filter]   (filter: substring of the file path)
// Works the same on Node 20 and 24: the files are listed here rather than relying on
// `node --test` glob support, which differs between those versions.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv[2];

// MERIDIAN_COVERAGE=1 (what .ci/run sets): the same suite, run under c8 with the per-package floors.
if (process.env.MERIDIAN_COVERAGE === '1') {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'coverage.mjs'), ...(filter ? [filter] : [])], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const files = [];
for (const group of ['packages', 'examples']) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {
    /* none */
  }
  for (const n of names) walk(join(root, group, n, 'dist', 'test'), files);
}
walk(join(root, 'test', 'dist'), files);
const selected = files.filter((f) => !filter || f.includes(filter)).sort();
if (selected.length === 0) {
  console.error('run-tests: no compiled test files found; run `pnpm build` first');
  process.exit(1);
}
console.log(`run-tests: node ${process.version}, ${selected.length} files`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected.map((f) => relative(root, f))], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MERIDIAN_TEST: '1' },
});
process.exit(r.status ?? 1);
