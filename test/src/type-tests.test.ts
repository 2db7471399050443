// The type tests (packages/<name>/test-d/<name>.tst.ts, compiled by `tsc -b`) exist for every public
// package and fail for the reason they name. `tsc -b` only proves that each line under
// `// @ts-expect-error` has *some* error; here each file is compiled again with those directives
// removed, and every such line must fail for the stated kind of reason: a "misspelt …" line with
// TypeScript's unknown-property errors, every line with an error about the API rather than about the test
// itself (an unknown name or module would make any line "fail").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript'; // the workspace root's devDependency, as the build uses

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIRECTIVE = /^\s*\/\/ @ts-expect-error(?::\s*(.*))?$/;
/**
 * A misspelt name: an unknown property in an object literal (2353), with a suggestion (2561), nothing in
 * common with an all-optional type (2559), or a property read that does not exist (2339, 2551 with a suggestion).
 */
const MISSPELT = new Set([2353, 2559, 2561, 2339, 2551]);
/** Errors that say the test is broken, not the API: unknown name, module or export. */
const BROKEN_TEST = new Set([2304, 2305, 2307, 2552, 2724]);

/** The codes inside a diagnostic's message chain: "No overload matches this call" (2769) says why each overload failed. */
function chainCodes(m: string | ts.DiagnosticMessageChain): number[] {
  if (typeof m === 'string') return [];
  return [m.code, ...(m.next ?? []).flatMap(chainCodes)];
}

function publicDirs(): string[] {
  return readdirSync(join(root, 'packages'))
    .sort()
    .filter((d) => {
      const f = join(root, 'packages', d, 'package.json');
      return existsSync(f) && (JSON.parse(readFileSync(f, 'utf8')) as { private?: boolean }).private !== true;
    });
}

test('every public package has a type test that tsc -b compiles', () => {
  const references = (JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { references: { path: string }[] }).references.map((r) => r.path);
  const missing: string[] = [];
  for (const dir of publicDirs()) {
    const file = join('packages', dir, 'test-d', `${dir}.tst.ts`);
    if (!existsSync(join(root, file))) missing.push(`${file} does not exist`);
    if (!existsSync(join(root, 'packages', dir, 'test-d', 'tsconfig.json'))) missing.push(`packages/${dir}/test-d/tsconfig.json does not exist`);
    if (!references.includes(`packages/${dir}/test-d`)) missing.push(`tsconfig.json does not reference packages/${dir}/test-d (tsc -b would skip it)`);
  }
  assert.deepEqual(missing, []);
});

interface Expectation {
  file: string;
  line: number;
  reason: string;
}

/** Each `@ts-expect-error` line with its reason, and the file's text with the directives blanked out. */
export function expectations(file: string, text: string): { stripped: string; expected: Expectation[] } {
  const lines = text.split('\n');
  const expected: Expectation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (m === null) continue;
    expected.push({ file, line: i + 1, reason: m[1] ?? '' }); // the directive's line (1-based); it covers line + 1
    lines[i] = '';
  }
  return { stripped: lines.join('\n'), expected };
}

/** Problems with the errors found on the lines after each directive (empty when each fails as stated). */
export function reasonProblems(expected: readonly Expectation[], errors: ReadonlyMap<string, number[]>): string[] {
  const out: string[] = [];
  for (const e of expected) {
    const where = `${e.file}:${e.line + 1}`;
    const codes = errors.get(`${e.file}:${e.line + 1}`) ?? [];
    if (e.reason === '') out.push(`${where}: the @ts-expect-error above gives no reason`);
    if (codes.length === 0) out.push(`${where} compiles, but is expected to fail (${e.reason})`);
    const broken = codes.filter((c) => BROKEN_TEST.has(c));
    if (broken.length > 0) out.push(`${where} fails with TS${broken.join(', TS')}: the test itself is broken (unknown name, module or export)`);
    if (/^misspelt/i.test(e.reason) && !codes.some((c) => MISSPELT.has(c))) {
      out.push(`${where} is a misspelling but fails with TS${codes.join(', TS')}, not an unknown-property error`);
    }
  }
  return out;
}

test('each @ts-expect-error line fails for the reason it names', { timeout: 120_000 }, () => {
  const files = publicDirs()
    .map((d) => join(root, 'packages', d, 'test-d', `${d}.tst.ts`))
    .filter((f) => existsSync(f));
  const texts = new Map<string, { stripped: string; expected: Expectation[] }>();
  for (const f of files) texts.set(f, expectations(relative(root, f), readFileSync(f, 'utf8')));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    verbatimModuleSyntax: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => texts.get(name)?.stripped ?? read(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError) => {
    const t = texts.get(name);
    return t !== undefined ? ts.createSourceFile(name, t.stripped, lang) : getSourceFile(name, lang, onError);
  };
  const program = ts.createProgram(files, options, host);
  const errors = new Map<string, number[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file === undefined || d.start === undefined) continue;
    const key = `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`;
    errors.set(key, [...(errors.get(key) ?? []), d.code, ...chainCodes(d.messageText)]);
  }
  const expected = [...texts.values()].flatMap((t) => t.expected);
  assert.ok(expected.length >= 16 * 2, `found ${expected.length} @ts-expect-error lines`);
  const expectedLines = new Set(expected.map((e) => `${e.file}:${e.line + 1}`));
  const unexpected = [...errors.entries()].filter(([k]) => !expectedLines.has(k)).map(([k, codes]) => `${k}: TS${codes.join(', TS')}`);
  assert.deepEqual(unexpected, [], 'lines without @ts-expect-error must compile (tsc -b also says so)');
  assert.deepEqual(reasonProblems(expected, errors), []);
  // Every package has at least one misspelling case (an option, or a field) and one wrong-type case.
  for (const [file, t] of texts) {
    assert.ok(
      t.expected.some((e) => /^misspelt/i.test(e.reason)),
      `${relative(root, file)} has no misspelling case (misspelt option or field)`,
    );
    assert.ok(
      t.expected.some((e) => !/^misspelt/i.test(e.reason)),
      `${relative(root, file)} has no wrong-type case`,
    );
  }
});

test('the reason check catches a line that compiles, a broken test and a misspelling that fails otherwise', () => {
  const { expected } = expectations(
    'x.tst.ts',
    [
      '// @ts-expect-error: misspelt option (level)',
      'a({ levle: 1 });',
      '// @ts-expect-error: misspelt option (level)',
      'a({ level: 1 });',
      '// @ts-expect-error: wrong type',
      'missing(1);',
      '// @ts-expect-error',
      'a(1);',
      '// @ts-expect-error: misspelt option',
      'a("x");',
    ].join('\n'),
  );
  const errors = new Map([
    ['x.tst.ts:2', [2353]],
    ['x.tst.ts:6', [2304]],
    ['x.tst.ts:8', [2345]],
    ['x.tst.ts:10', [2345]],
  ]);
  const problems = reasonProblems(expected, errors).join('\n');
  assert.ok(!problems.includes('x.tst.ts:2'), problems);
  assert.match(problems, /x\.tst\.ts:4 compiles, but is expected to fail/);
  assert.match(problems, /x\.tst\.ts:6 fails with TS2304: the test itself is broken/);
  assert.match(problems, /x\.tst\.ts:8: the @ts-expect-error above gives no reason/);
  assert.match(problems, /x\.tst\.ts:10 is a misspelling but fails with TS2345/);
});
