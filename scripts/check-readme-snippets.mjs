// Type-checks every TypeScript snippet (```ts / ```typescript fences) in the workspace READMEs —
// README.md, packages/*/README.md, examples/*/README.md — the way a user's project would compile them:
// the workspace's TypeScript, tsconfig.base.json's options with strict on, module/moduleResolution
// NodeNext, each snippet an ES module. All snippets form ONE program (one type-check, a few seconds).
//
//   node scripts/check-readme-snippets.mjs [--json] [--also <README.md>]...
//
// Build first (`npx tsc -b`): snippets import @meridian/* through their published types (dist/src/*.d.ts).
// Exit code 0 when every snippet type-checks, 1 otherwise; each problem is printed as
// `<README>:<line>:<column> - error TS<code>: <message>` (the README's own line numbers).
// `--json` prints { checked, fragments, errors } instead. `--also` adds a README outside the default set.
//
// Opting out: a fence directly preceded (blank lines aside) by `<!-- snippet: fragment -->` (optionally
// with a reason: `<!-- snippet: fragment — API signatures -->`) is not compiled. Use it only for text
// that is not meant to compile (signature summaries, a line that continues an earlier snippet); write
// everything else as a complete module a reader can paste.
//
// Module resolution: an import resolves as it would from the README's own directory (so a package's
// README sees that package under its own name and its dependencies); what does not resolve there is
// looked up from each workspace package in turn (packages/*, examples/*, test), i.e. as if the reader had
// installed it. The snippets are also written to .readme-snippets/ (git-ignored) to look at.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const workspace = fileURLToPath(new URL('..', import.meta.url));
const ts = createRequire(join(workspace, 'package.json'))('typescript');

export const FRAGMENT_MARKER = /^<!--\s*snippet:\s*fragment\b.*-->$/;
const ANY_DIRECTIVE = /^<!--\s*snippet:/;
const OPEN_FENCE = /^(`{3,}|~{3,})\s*(ts|typescript)(\s.*)?$/;
const ANY_FENCE = /^(`{3,}|~{3,})/;

/** The default READMEs: the root's, then packages/* and examples/* in name order. */
function defaultReadmes() {
  const out = [join(workspace, 'README.md')];
  for (const group of ['packages', 'examples']) {
    const dir = join(workspace, group);
    for (const name of readdirSync(dir).sort()) {
      const f = join(dir, name, 'README.md');
      if (existsSync(f)) out.push(f);
    }
  }
  return out;
}

/**
 * The TypeScript fences of one markdown file: { readme, line (of the opening fence, 1-based), code, fragment }.
 * Problems with the markup itself (an unknown `snippet:` directive, an unclosed fence) are returned as errors.
 */
export function extractSnippets(markdown, readme) {
  const lines = markdown.split(/\r?\n/);
  const snippets = [];
  const errors = [];
  let lastText = { text: '', line: 0 };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trimEnd();
    const fence = ANY_FENCE.exec(text);
    if (fence === null) {
      if (text.trim() !== '') lastText = { text: text.trim(), line: i + 1 };
      continue;
    }
    const close = new RegExp(`^${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end >= lines.length) {
      errors.push({ file: readme, line: i + 1, column: 1, code: 'fence', message: 'code fence is never closed' });
      break;
    }
    if (OPEN_FENCE.test(text)) {
      const before = lastText.line === 0 ? '' : lastText.text;
      if (ANY_DIRECTIVE.test(before) && !FRAGMENT_MARKER.test(before)) {
        errors.push({
          file: readme,
          line: lastText.line,
          column: 1,
          code: 'marker',
          message: `unknown snippet directive ${JSON.stringify(before)}; accepted: <!-- snippet: fragment -->`,
        });
      }
      snippets.push({ readme, line: i + 1, code: lines.slice(i + 1, end).join('\n'), fragment: FRAGMENT_MARKER.test(before) });
    }
    lastText = { text: '', line: 0 };
    i = end;
  }
  return { snippets, errors };
}

function workspacePackageDirs() {
  const dirs = [];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(workspace, group)).sort()) {
      if (existsSync(join(workspace, group, name, 'package.json'))) dirs.push(join(workspace, group, name));
    }
  }
  dirs.push(join(workspace, 'test'));
  return dirs;
}

function compilerOptions() {
  const base = ts.readConfigFile(join(workspace, 'tsconfig.base.json'), ts.sys.readFile);
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, workspace);
  if (errors.length > 0) throw new Error(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return {
    ...options,
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    skipLibCheck: true,
    typeRoots: [join(workspace, 'node_modules', '@types')],
    types: ['node'],
  };
}

/** Check the snippets of `readmes`; returns { checked, fragments, errors } with README-relative positions. */
export function checkReadmeSnippets(readmes, outDir = join(workspace, '.readme-snippets')) {
  const options = compilerOptions();
  const all = [];
  const errors = [];
  for (const readme of readmes) {
    const r = extractSnippets(readFileSync(readme, 'utf8'), readme);
    all.push(...r.snippets);
    errors.push(...r.errors);
  }
  rmSync(outDir, { recursive: true, force: true });
  const byFile = new Map();
  for (const s of all.filter((s) => !s.fragment)) {
    const rel = relative(workspace, s.readme)
      .replace(/\.md$/i, '')
      .replace(/\.\.(\/|\\)/g, '_up$1')
      .replace(/^(\/|[A-Za-z]:)/, '_abs/');
    const file = join(outDir, `${rel}-L${s.line}.mts`);
    mkdirSync(dirname(file), { recursive: true });
    // `export {}` makes a snippet without imports a module too (no globals shared between snippets).
    writeFileSync(file, `${s.code}\nexport {};\n`);
    byFile.set(resolve(file), s);
  }

  const host = ts.createCompilerHost(options, true);
  const cache = ts.createModuleResolutionCache(workspace, (f) => f, options);
  const fallbacks = workspacePackageDirs().map((d) => join(d, '__readme_snippet__.mts'));
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) => {
    const snippet = byFile.get(resolve(containingFile));
    return literals.map((lit) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, lit, opts);
      if (snippet === undefined) return ts.resolveModuleName(lit.text, containingFile, opts, host, cache, redirected, mode);
      let first;
      for (const from of [join(dirname(snippet.readme), '__readme_snippet__.mts'), ...fallbacks]) {
        const r = ts.resolveModuleName(lit.text, from, opts, host, cache, redirected, mode);
        first ??= r;
        if (r.resolvedModule !== undefined) return r;
      }
      return first;
    });
  };

  const program = ts.createProgram({ rootNames: [...byFile.keys()], options, host });
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...ts.getPreEmitDiagnostics(program)];
  const seen = new Set();
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const snippet = d.file === undefined ? undefined : byFile.get(resolve(d.file.fileName));
    let entry;
    if (snippet === undefined) {
      entry = { file: d.file?.fileName ?? '(compiler options)', line: 0, column: 0, code: `TS${d.code}`, message };
    } else {
      const pos = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      entry = { file: snippet.readme, line: snippet.line + pos.line + 1, column: pos.character + 1, code: `TS${d.code}`, message };
    }
    const key = JSON.stringify(entry);
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(entry);
    }
  }
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return {
    checked: all.filter((s) => !s.fragment).map((s) => ({ file: s.readme, line: s.line })),
    fragments: all.filter((s) => s.fragment).map((s) => ({ file: s.readme, line: s.line })),
    errors,
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const readmes = defaultReadmes();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--also' && args[i + 1] !== undefined) readmes.push(resolve(args[++i]));
    else {
      console.error(`check-readme-snippets: unknown argument ${JSON.stringify(args[i])}; accepted: --json, --also <README.md>`);
      process.exit(2);
    }
  }
  const result = checkReadmeSnippets(readmes);
  const show = (f) => relative(process.cwd(), f) || f;
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    for (const e of result.errors) console.log(`${show(e.file)}:${e.line}:${e.column} - error ${e.code}: ${e.message}`);
    console.log(
      `check-readme-snippets: ${result.checked.length} snippets type-checked (strict, NodeNext), ` +
        `${result.fragments.length} marked as fragments, ${result.errors.length} errors`,
    );
  }
  process.exit(result.errors.length === 0 ? 0 : 1);
}
