// Every TypeScript block in the READMEs compiles under strict/NodeNext, as a reader would paste it
// (scripts/check-readme-snippets.mjs; one tsc program for all of them). The same run also checks a
// README written here with known mistakes, so the check is seen to catch them and to name the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
interface Place {
  file: string;
  line: number;
}
interface Problem extends Place {
  column: number;
  code: string;
  message: string;
}
interface Result {
  checked: Place[];
  fragments: Place[];
  errors: Problem[];
}

const fixture = [
  '# A README with mistakes',
  '',
  '```ts',
  "import express from 'express';",
  'const app = express();',
  "app.use((err, req, res, next) => res.status(502).json({ error: 'upstream' }));",
  '```',
  '',
  '<!-- snippet: fragment — a signature, not code -->',
  '',
  '```ts',
  'createLogger(options?: LoggerOptions): Logger',
  '```',
  '',
  '```typescript',
  "import { createLogger } from '@meridian/logger';",
  "createLogger({ service: 'ok' }).info('fine');",
  '```',
  '',
  '<!-- snippet: fragmnet -->',
  '```ts',
  'const n: number = "not a number";',
  '```',
  '',
].join('\n');

/** ```ts / ```typescript fences of the READMEs the script checks by default, counted independently of it. */
function tsFences(): number {
  const readmes = [join(root, 'README.md')];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group))) {
      const f = join(root, group, name, 'README.md');
      if (existsSync(f)) readmes.push(f);
    }
  }
  return readmes.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/^```(ts|typescript)\s*$/gm)?.length ?? 0), 0);
}

const dir = mkdtempSync(join(tmpdir(), 'meridian-snippets-'));
const fixtureReadme = join(dir, 'README.md');
writeFileSync(fixtureReadme, fixture);
const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-readme-snippets.mjs'), '--json', '--also', fixtureReadme], {
  cwd: root,
  encoding: 'utf8',
  timeout: 120_000,
});
rmSync(dir, { recursive: true, force: true });
const result = JSON.parse(run.stdout || '{"checked":[],"fragments":[],"errors":[]}') as Result;
const inFixture = (p: Place): boolean => p.file === fixtureReadme;

test('every TypeScript snippet in the READMEs type-checks (strict, NodeNext)', () => {
  assert.equal(run.error, undefined, `the checker could not run: ${run.error?.message}`);
  const errors = result.errors.filter((e) => !inFixture(e)).map((e) => `${e.file.slice(root.length)}:${e.line}:${e.column} ${e.code} ${e.message}`);
  assert.equal(
    errors.length,
    0,
    `${errors.length} problems (fix the snippet; mark it <!-- snippet: fragment --> only if it is not code):\n${errors.join('\n')}\n${run.stderr}`,
  );
  const seen = result.checked.filter((p) => !inFixture(p)).length + result.fragments.filter((p) => !inFixture(p)).length;
  assert.equal(seen, tsFences(), 'each TypeScript fence of the READMEs was either compiled or marked as a fragment');
  assert.ok(
    result.checked.filter((p) => !inFixture(p)).length > result.fragments.filter((p) => !inFixture(p)).length,
    `fragments are the exception: ${result.fragments.map((p) => `${p.file.slice(root.length)}:${p.line}`).join(', ')}`,
  );
});

test('the check names the README line of an implicit any and a type error, skips marked fragments, and rejects unknown markers', () => {
  assert.equal(run.status, 1, 'exit code 1 while there are errors');
  const found = result.errors.filter(inFixture).map((e) => `${e.line}:${e.column} ${e.code}`);
  assert.deepEqual(found, [
    '6:10 TS7006',
    '6:15 TS7006',
    '6:20 TS7006',
    '6:25 TS7006', // the Express error handler's four untyped parameters
    '20:1 marker', // <!-- snippet: fragmnet --> is not a directive the checker knows
    '22:7 TS2322', // the snippet after it is still compiled
  ]);
  assert.match(result.errors.find((e) => inFixture(e) && e.code === 'TS7006')!.message, /Parameter 'err' implicitly has an 'any' type/);
  assert.deepEqual(
    result.fragments.filter(inFixture).map((p) => p.line),
    [11],
  );
  assert.deepEqual(
    result.checked.filter(inFixture).map((p) => p.line),
    [3, 15, 21],
    'the @meridian/logger snippet on line 15 compiled without errors',
  );
});
