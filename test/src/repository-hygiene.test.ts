// Rules for every file in the repository (tracked, or new and not ignored), so a clone on another machine reads
// the same. The rules are also described in docs/CONVENTIONS.md, "Repository hygiene".
//
// 1. No path of a particular machine. That covers this checkout's own absolute path, wherever it is, and paths
//    under the roots that only exist on one machine or for one session: the root and home directories
//    (/root, /home/<user>, /Users/<user> and Windows user profiles), the temporary directories (/tmp,
//    /var/folders) and
//    the team's workspace (/work). Write repository paths relative to the repository root, use os.tmpdir() in
//    code, and use a neutral path such as /srv/app or /etc/meridian in examples. Conventional system locations
//    a reader adapts (/etc/..., /var/log/..., ~/.aws/config) and URLs are fine.
// 2. Markdown code runs pnpm as `npx -y pnpm@12 <command>` (corepack is not used here), the way the root README
//    does, so every command copied from a README works on a fresh machine. Prose may still say "pnpm".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
// A path starts the text or follows a space, quote, bracket, `=` or `,`, so the path part of a URL never matches.
const START = String.raw`(?<=^|[\s'"\x60(\[{<=,])`;
const MACHINE_PATH = new RegExp(START + String.raw`(?:/(?:work|root|tmp|home/[^/\s]+|Users/[^/\s]+|(?:private/)?var/folders)/[\w.@-]|[A-Za-z]:\\Users\\)`, 'g');
const BARE_PNPM = /(?<![\w@/.-])pnpm(?=\s+-{0,2}[a-z])/g;

/** The repository's files as git sees them: tracked ones and new ones that are not ignored. */
function repositoryFiles(): string[] | undefined {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return [...new Set(r.stdout.split('\0').filter((f) => f !== ''))].sort();
}

/** Line numbers and matches of `re` in `text`. */
function find(text: string, re: RegExp): { line: number; match: string }[] {
  const out: { line: number; match: string }[] = [];
  text.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(re)) out.push({ line: i + 1, match: l.slice(m.index, m.index + 40).split(/[\s'"\x60),;]/)[0]! });
  });
  return out;
}

export function machinePathProblems(file: string, text: string, checkout: string): string[] {
  const problems = find(text, MACHINE_PATH).map((f) => `${file}:${f.line} names the machine path ${f.match}`);
  // The checkout's own path, as a whole path (a checkout at a one-segment path such as /app is not checked:
  // too many ordinary example paths start so).
  if (checkout.split(/[\\/]/).filter(Boolean).length >= 2) {
    const own = new RegExp(START + checkout.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + String.raw`(?=[\\/\s'"\x60),;]|$)`);
    text.split('\n').forEach((l, i) => {
      if (own.test(l)) problems.push(`${file}:${i + 1} names this checkout's absolute path ${checkout}`);
    });
  }
  return problems;
}

/** The code of a markdown file (fenced blocks and inline code spans), other text blanked, lines kept. */
function markdownCode(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((l) => {
      if (/^\s*(```|~~~)/.test(l)) {
        fenced = !fenced;
        return '';
      }
      if (fenced) return l;
      return [...l.matchAll(/`([^`]+)`/g)].map((m) => m[1]).join('  ');
    })
    .join('\n');
}

export function pnpmProblems(file: string, text: string): string[] {
  return find(markdownCode(text), BARE_PNPM).map((f) => `${file}:${f.line} runs bare pnpm; write it as npx -y pnpm@12 …`);
}

const files = repositoryFiles();

test('no file names a path that only exists on one machine', (t) => {
  if (files === undefined) return t.skip('not a git checkout: the file list comes from git ls-files');
  assert.ok(files.includes('README.md') && files.length > 100, `git listed ${files.length} files`);
  const problems: string[] = [];
  for (const f of files) {
    const p = join(root, f);
    if (!existsSync(p) || !statSync(p).isFile() || statSync(p).size > 8 * 1024 * 1024) continue;
    const bytes = readFileSync(p);
    if (bytes.includes(0)) continue; // binary
    problems.push(...machinePathProblems(f, bytes.toString('utf8'), root));
  }
  assert.equal(problems.length, 0, `${problems.length} problems (see the rules at the top of test/src/repository-hygiene.test.ts):\n${problems.join('\n')}`);
});

test('markdown code runs pnpm as npx -y pnpm@12', (t) => {
  if (files === undefined) return t.skip('not a git checkout: the file list comes from git ls-files');
  const problems = files.filter((f) => f.endsWith('.md') && existsSync(join(root, f))).flatMap((f) => pnpmProblems(f, readFileSync(join(root, f), 'utf8')));
  assert.equal(problems.length, 0, problems.join('\n'));
});

test('the rules catch what they describe and leave URLs, system paths and prose alone', () => {
  // The machine paths are assembled, so that this file does not contain them itself.
  const at = (...parts: string[]): string => ['', ...parts].join('/');
  const winUser = ['C:', 'Users', 'jane'].join('\\');
  const text = [
    `cd ${at('work', 'main')} && npx tsc -b`,
    `const dir = '${at('tmp', 'meridian-spool')}';`,
    'see https://example.com/tmp/x and file:///srv/app/x', // a URL path
    'MERIDIAN_LOGSTASH_CA=/etc/meridian/ca.pem ~/.aws/config', // conventional locations
    `open ${at('Users', 'jane', 'notes.txt')} or ${winUser}`,
    'checkout at /opt/ci/meridian/packages',
    'not the checkout: /opt/ci/meridian-old and https://host/opt/ci/meridian',
  ].join('\n');
  assert.deepEqual(machinePathProblems('x.md', text, '/opt/ci/meridian'), [
    `x.md:1 names the machine path ${at('work', 'main')}`,
    `x.md:2 names the machine path ${at('tmp', 'meridian-spool')}`,
    `x.md:5 names the machine path ${at('Users', 'jane', 'notes.txt')}`,
    `x.md:5 names the machine path ${winUser}`,
    "x.md:6 names this checkout's absolute path /opt/ci/meridian",
  ]);
  const md = ['a pnpm workspace; `npx -y pnpm@12 demo` and `pnpm-lock.yaml`', '```sh', 'pnpm build && pnpm --dir x bench', '```', 'run `pnpm test`'].join('\n');
  assert.deepEqual(pnpmProblems('r.md', md), [
    'r.md:3 runs bare pnpm; write it as npx -y pnpm@12 …',
    'r.md:3 runs bare pnpm; write it as npx -y pnpm@12 …',
    'r.md:5 runs bare pnpm; write it as npx -y pnpm@12 …',
  ]);
});
