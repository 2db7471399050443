// docs/errors.md, the sources and the READMEs name the same diagnostic codes (MERIDIAN_ERR_*, MERIDIAN_WARN_*).
// A code is "in the sources" when a string or template literal under packages/*/src or examples/*/src contains
// it (comments and regular expressions do not count); how to add one is in docs/errors.md, "Adding a code".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript'; // the workspace root's devDependency, as the build uses

const root = fileURLToPath(new URL('../../', import.meta.url));
const CATALOGUE = 'docs/errors.md';

/** A whole code: not followed by another code character (so the prefix `MERIDIAN_ERR_DEVTOOLS_` is not one) or `*`. */
const CODE = /MERIDIAN_(?:ERR|WARN)_[A-Z0-9]+(?:_[A-Z0-9]+)*(?![A-Z0-9_*])/g;
/** A family named with a wildcard in prose: `MERIDIAN_ERR_DEVTOOLS_*`. */
const FAMILY = /(MERIDIAN_(?:ERR|WARN)_[A-Z0-9_]*)\*/g;
const HEADING = /^## `(MERIDIAN_(?:ERR|WARN)_[A-Z0-9_]+)`\s*$/;
const FIELDS = ['**Package:**', '**Meaning:**', '**When:**', '**What to do:**'];

interface Use {
  code: string;
  file: string;
  line: number;
  pkg: string;
}
interface Mention {
  code: string;
  file: string;
  line: number;
  family: boolean;
}
interface Section {
  code: string;
  line: number;
  body: string;
}
interface Workspace {
  uses: Use[];
  /** README.md of each package directory, by npm name (undefined when the package has none). */
  readmes: Map<string, { file: string; text: string } | undefined>;
  /** Every markdown file whose code names must exist, with its text (the catalogue included). */
  docs: { file: string; text: string }[];
  catalogue: string;
}

/** Codes inside string and template literals of one TypeScript source. */
export function literalCodes(source: string, file: string, pkg: string): Use[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: Use[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const m of node.text.matchAll(CODE)) {
        out.push({ code: m[0], file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, pkg });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function mentions(file: string, text: string): Mention[] {
  const out: Mention[] = [];
  text.split('\n').forEach((l, i) => {
    for (const m of l.matchAll(CODE)) out.push({ code: m[0], file, line: i + 1, family: false });
    for (const m of l.matchAll(FAMILY)) out.push({ code: m[1]!, file, line: i + 1, family: true });
  });
  return out;
}

function sections(text: string): Section[] {
  const lines = text.split('\n');
  const out: Section[] = [];
  lines.forEach((l, i) => {
    const h = HEADING.exec(l);
    if (h !== null) out.push({ code: h[1]!, line: i + 1, body: '' });
    else if (/^#{1,2} /.test(l)) out.push({ code: '', line: i + 1, body: '' });
    else if (out.length > 0) out[out.length - 1]!.body += l + '\n';
  });
  return out.filter((s) => s.code !== '');
}

/** Every problem, as the message a contributor reads; empty when all is in step. */
export function catalogueProblems(w: Workspace): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, Use[]>();
  for (const u of w.uses) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  const where = (u: Use): string => `${u.file}:${u.line}`;
  const secs = sections(w.catalogue);
  const documented = new Map(secs.map((s) => [s.code, s]));

  for (const [code, uses] of byCode) {
    if (!documented.has(code)) {
      problems.push(
        `${code} (${where(uses[0]!)}) has no section in ${CATALOGUE}: add "## \`${code}\`" with ` +
          `${FIELDS.join(', ')} lines, in alphabetical order (see "Adding a code" there)`,
      );
    }
  }
  secs.forEach((s, i) => {
    const at = `${CATALOGUE}:${s.line}`;
    const prev = secs[i - 1];
    if (prev !== undefined && prev.code.localeCompare(s.code) > 0)
      problems.push(`${at} ${s.code}: sections are in alphabetical order; move it before ${prev.code}`);
    if (secs.findIndex((o) => o.code === s.code) !== i) problems.push(`${at} ${s.code}: documented twice`);
    const uses = byCode.get(s.code);
    if (uses === undefined) {
      problems.push(`${at} documents ${s.code}, but no string in packages/*/src or examples/*/src contains it: remove the section, or restore the code`);
      return;
    }
    for (const f of FIELDS) if (!s.body.includes(f)) problems.push(`${at} ${s.code}: the section has no ${f} line`);
    const pkgLine = /\*\*Package:\*\*([^\n]*(?:\n {2}[^\n]*)*)/.exec(s.body)?.[1] ?? '';
    for (const pkg of new Set(uses.map((u) => u.pkg))) {
      if (!pkgLine.includes(`\`${pkg}\``)) {
        problems.push(
          `${at} ${s.code}: the Package line does not name \`${pkg}\`, whose source contains the code (${where(uses.find((u) => u.pkg === pkg)!)})`,
        );
      }
    }
  });
  for (const d of w.docs) {
    for (const m of mentions(d.file, d.text)) {
      const known = m.family ? [...byCode.keys()].some((c) => c.startsWith(m.code)) : byCode.has(m.code);
      if (!known) problems.push(`${m.file}:${m.line} names ${m.family ? `${m.code}*, but no code starts so` : `${m.code}, which no source contains`}`);
    }
  }
  for (const [pkg, readme] of w.readmes) {
    const own = [...new Set(w.uses.filter((u) => u.pkg === pkg).map((u) => u.code))];
    for (const code of own) {
      if (readme === undefined || !mentions(readme.file, readme.text).some((m) => m.code === code && !m.family)) {
        const u = byCode.get(code)!.find((x) => x.pkg === pkg)!;
        problems.push(`${readme?.file ?? `the README of ${pkg}`} does not name ${code}, which ${where(u)} contains: say in the README when it is printed`);
      }
    }
  }
  return problems;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function readWorkspace(): Workspace {
  const rel = (p: string): string => relative(root, p).split('\\').join('/');
  const uses: Use[] = [];
  const readmes: Workspace['readmes'] = new Map();
  const docs: Workspace['docs'] = [];
  const md = (p: string): { file: string; text: string } => ({ file: rel(p), text: readFileSync(p, 'utf8') });
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const dir = join(root, group, name);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const pkg = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string }).name;
      for (const f of tsFiles(join(dir, 'src'))) uses.push(...literalCodes(readFileSync(f, 'utf8'), rel(f), pkg));
      const readme = existsSync(join(dir, 'README.md')) ? md(join(dir, 'README.md')) : undefined;
      readmes.set(pkg, readme);
      if (readme !== undefined) docs.push(readme);
    }
  }
  docs.push(md(join(root, 'README.md')));
  for (const f of readdirSync(join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .sort())
    docs.push(md(join(root, 'docs', f)));
  return { uses, readmes, docs, catalogue: readFileSync(join(root, CATALOGUE), 'utf8') };
}

test(`${CATALOGUE}, the sources and the READMEs name the same codes`, () => {
  const w = readWorkspace();
  assert.ok(
    w.uses.some((u) => u.code === 'MERIDIAN_ERR_CONFIG_INVALID' && u.file.startsWith('packages/config/src/')),
    'the scan found MERIDIAN_ERR_CONFIG_INVALID in packages/config/src (if not, the scan itself is broken)',
  );
  const problems = catalogueProblems(w);
  assert.equal(problems.length, 0, `${problems.length} problems:\n${problems.join('\n')}`);
});

test('the check names the code and the file for each kind of drift', () => {
  const catalogue = [
    '# codes',
    '',
    '## `MERIDIAN_ERR_GONE`',
    '- **Package:** `@meridian/a`',
    '- **Meaning:** m',
    '- **When:** w',
    '- **What to do:** d',
    '',
    '## `MERIDIAN_ERR_ZED`',
    '- **Package:** `@meridian/a`',
    '- **Meaning:** m',
    '- **When:** w',
    '- **What to do:** d',
    '',
    '## `MERIDIAN_ERR_USED`',
    '- **Package:** `@meridian/a`',
    '- **Meaning:** m',
    '- **When:** w',
    '',
  ].join('\n');
  const source = [
    "export const A = 'MERIDIAN_ERR_ZED';",
    '// MERIDIAN_ERR_IN_A_COMMENT is not a use',
    "const prefix = 'MERIDIAN_ERR_DEVTOOLS_'; const re = /MERIDIAN_ERR_IN_A_REGEX/;",
    'const msg = `${prefix}: MERIDIAN_ERR_NEW: ${re.source} MERIDIAN_ERR_USED`;',
  ].join('\n');
  const uses = literalCodes(source, 'packages/a/src/x.ts', '@meridian/a').concat(
    literalCodes("diagnose('MERIDIAN_ERR_USED', 'x');", 'packages/b/src/y.ts', '@meridian/b'),
  );
  assert.deepEqual(
    uses.map((u) => `${u.code}@${u.line}`),
    ['MERIDIAN_ERR_ZED@1', 'MERIDIAN_ERR_NEW@4', 'MERIDIAN_ERR_USED@4', 'MERIDIAN_ERR_USED@1'],
  );
  const problems = catalogueProblems({
    uses,
    catalogue,
    readmes: new Map([
      ['@meridian/a', { file: 'packages/a/README.md', text: 'Codes: `MERIDIAN_ERR_ZED`, `MERIDIAN_ERR_USED`.' }],
      ['@meridian/b', undefined],
    ]),
    docs: [
      {
        file: 'packages/a/README.md',
        text: 'Codes: `MERIDIAN_ERR_ZED`, `MERIDIAN_ERR_USED`.\nSee `MERIDIAN_ERR_TYPO` and `MERIDIAN_ERR_NOPE_*`; the `MERIDIAN_ERR_ZE*` family.',
      },
    ],
  });
  assert.deepEqual(problems, [
    'MERIDIAN_ERR_NEW (packages/a/src/x.ts:4) has no section in docs/errors.md: add "## `MERIDIAN_ERR_NEW`" with **Package:**, **Meaning:**, **When:**, **What to do:** lines, in alphabetical order (see "Adding a code" there)',
    'docs/errors.md:3 documents MERIDIAN_ERR_GONE, but no string in packages/*/src or examples/*/src contains it: remove the section, or restore the code',
    'docs/errors.md:15 MERIDIAN_ERR_USED: sections are in alphabetical order; move it before MERIDIAN_ERR_ZED',
    'docs/errors.md:15 MERIDIAN_ERR_USED: the section has no **What to do:** line',
    'docs/errors.md:15 MERIDIAN_ERR_USED: the Package line does not name `@meridian/b`, whose source contains the code (packages/b/src/y.ts:1)',
    'packages/a/README.md:2 names MERIDIAN_ERR_TYPO, which no source contains',
    'packages/a/README.md:2 names MERIDIAN_ERR_NOPE_*, but no code starts so',
    'packages/a/README.md does not name MERIDIAN_ERR_NEW, which packages/a/src/x.ts:4 contains: say in the README when it is printed',
    'the README of @meridian/b does not name MERIDIAN_ERR_USED, which packages/b/src/y.ts:1 contains: say in the README when it is printed',
  ]);
});
