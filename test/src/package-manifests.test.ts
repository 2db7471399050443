// Every public package's package.json is publishable as it stands (issue 14): licence file and metadata,
// entry points for every TypeScript resolution (exports, plus main/types/typesVersions for node10), source
// maps that resolve (the sources ship), a prepack build, ranges for the @meridian packages it depends on, and
// dependencies that match what the code imports. The tarballs themselves are checked by
// pack-install.e2e.test.ts; this test reads the workspace, so it runs everywhere in well under a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript'; // the workspace root's devDependency, as the build uses

const root = fileURLToPath(new URL('../../', import.meta.url));

type Deps = Record<string, string>;
interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  bugs?: { url?: string } | string;
  keywords?: string[];
  sideEffects?: boolean | string[];
  main?: string;
  types?: string;
  typesVersions?: Record<string, Record<string, string[]>>;
  exports?: Record<string, { types?: string; default?: string }>;
  files?: string[];
  publishConfig?: { access?: string };
  scripts?: Record<string, string>;
  dependencies?: Deps;
  devDependencies?: Deps;
  peerDependencies?: Deps;
}

const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const repoUrl = typeof rootManifest.repository === 'object' ? (rootManifest.repository.url ?? '') : '';

function packages(): { dir: string; pkg: Manifest }[] {
  return readdirSync(join(root, 'packages'))
    .sort()
    .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest }));
}
const privateNames = new Set(
  packages()
    .filter((p) => p.pkg.private === true)
    .map((p) => p.pkg.name),
);

const EXACT_VERSION = /^=?v?\d+\.\d+\.\d+(-[\w.]+)?$/;

/** What is wrong with a public package's manifest, one sentence each (empty when publishable). */
export function manifestProblems(dir: string, pkg: Manifest, ctx: { repoUrl: string; privateNames: Set<string> }): string[] {
  const out: string[] = [];
  const say = (s: string): void => {
    out.push(`packages/${dir}/package.json: ${s}`);
  };
  const web = ctx.repoUrl.replace(/^git\+/, '').replace(/\.git$/, '');
  if (pkg.license !== 'Apache-2.0') say(`license is ${String(pkg.license)}, expected Apache-2.0 (the LICENSE file)`);
  const repo = typeof pkg.repository === 'object' ? pkg.repository : undefined;
  if (repo?.url !== ctx.repoUrl || repo.directory !== `packages/${dir}`) {
    say(`repository should be { "type": "git", "url": "${ctx.repoUrl}", "directory": "packages/${dir}" }`);
  }
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith(web)) say(`homepage should be a page of ${web}`);
  const bugs = typeof pkg.bugs === 'object' ? pkg.bugs.url : pkg.bugs;
  if (bugs !== `${web}/issues`) say(`bugs should be { "url": "${web}/issues" }`);
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length < 3 || !pkg.keywords.includes('meridian')) say('keywords: at least three, "meridian" among them');
  if (pkg.sideEffects !== false && !(Array.isArray(pkg.sideEffects) && pkg.sideEffects.every((f) => f.startsWith('./dist/src/') && f.endsWith('.js')))) {
    say('sideEffects should be false, or the list of ./dist/src/*.js modules that do something when imported');
  }
  const dot = pkg.exports?.['.'];
  if (dot === undefined || typeof dot !== 'object') say('exports["."] should name its types and its default file');
  else {
    if (pkg.main !== dot.default) say(`main should be ${String(dot.default)} (exports["."].default), for tools that read no exports`);
    if (pkg.types !== dot.types) say(`types should be ${String(dot.types)} (exports["."].types), for TypeScript's moduleResolution node10`);
  }
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    if (sub === '.') continue;
    const mapped = pkg.typesVersions?.['*']?.[sub.replace(/^\.\//, '')];
    if (mapped?.length !== 1 || mapped[0] !== target.types) {
      say(
        `typesVersions["*"]["${sub.replace(/^\.\//, '')}"] should be ["${String(target.types)}"], so node10 resolves ${pkg.name}/${sub.replace(/^\.\//, '')}`,
      );
    }
  }
  for (const f of ['dist/src', 'src', 'README.md', 'LICENSE']) {
    if (!pkg.files?.includes(f)) say(`files should include ${f}${f === 'src' ? ' (the source maps and declaration maps point at it)' : ''}`);
  }
  if (pkg.publishConfig?.access !== 'public') say('publishConfig.access should be "public" (a scoped package is published restricted otherwise)');
  if (pkg.scripts?.['prepack'] !== 'tsc -b') say('scripts.prepack should be "tsc -b", so packing an unbuilt clone builds first');
  for (const kind of ['dependencies', 'peerDependencies'] as const) {
    for (const [name, spec] of Object.entries(pkg[kind] ?? {})) {
      if (ctx.privateNames.has(name)) say(`${kind} names ${name}, which is private and never published`);
      else if (name.startsWith('@meridian/') && spec !== 'workspace:^')
        say(`${kind}.${name} is ${spec}; use workspace:^ (packed as ^<version>, so npm keeps one copy)`);
      else if (kind === 'peerDependencies' && EXACT_VERSION.test(spec)) say(`peerDependencies.${name} is pinned to ${spec}; use a range`);
    }
  }
  return out;
}

/** Bare module names a file imports (static, dynamic, require), comments and strings excluded. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !s.startsWith('/'))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(f) && !f.split('/').includes('node_modules'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Declared and imported dependencies disagree: unused dependencies, undeclared imports. */
export function importProblems(dir: string, pkg: Manifest, imports: { src: Set<string>; rest: Set<string> }): string[] {
  const out: string[] = [];
  const say = (s: string): void => {
    out.push(`packages/${dir}: ${s}`);
  };
  const deps = pkg.dependencies ?? {};
  const dev = pkg.devDependencies ?? {};
  const peers = pkg.peerDependencies ?? {};
  const all = new Set([...imports.src, ...imports.rest]);
  for (const name of Object.keys(deps)) {
    if (!imports.src.has(name)) say(`dependency ${name} is never imported by src/ (remove it, or make it a devDependency if only tests use it)`);
  }
  for (const name of Object.keys(dev)) {
    const typesOf = name.startsWith('@types/') ? name.slice(7).replace(/^(.+)__(.+)$/, '@$1/$2') : undefined;
    const used = all.has(name) || name in peers || (typesOf !== undefined && all.has(typesOf));
    if (!used) say(`devDependency ${name} is imported nowhere in the package (src, test, bench): remove it`);
  }
  for (const name of imports.src) {
    if (name !== pkg.name && !(name in deps) && !(name in peers)) say(`src/ imports ${name}, which is neither a dependency nor a peer dependency`);
  }
  for (const name of imports.rest) {
    if (name !== pkg.name && !(name in deps) && !(name in peers) && !(name in dev)) say(`tests or benches import ${name}, which package.json does not declare`);
  }
  return out;
}

type Version = [number, number, number];
/** The versions a range admits as [lowest, first excluded): the forms the manifests use (`>=a <b`, `^a`, `~a`). */
export function rangeBounds(range: string): [Version, Version] | undefined {
  const v = (s: string): Version | undefined => {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(s);
    return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const pair = /^>=\s*(\S+)\s+<\s*(\S+)$/.exec(range.trim());
  if (pair !== null) {
    const [lo, hi] = [v(pair[1]!), v(pair[2]!)];
    return lo === undefined || hi === undefined ? undefined : [lo, hi];
  }
  const caret = /^([~^])(\S+)$/.exec(range.trim());
  const lo = caret === null ? undefined : v(caret[2]!);
  if (caret === null || lo === undefined) return undefined;
  if (caret[1] === '~') return [lo, [lo[0], lo[1] + 1, 0]];
  return [lo, lo[0] > 0 ? [lo[0] + 1, 0, 0] : lo[1] > 0 ? [0, lo[1] + 1, 0] : [0, 0, lo[2] + 1]];
}
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The @opentelemetry/api peer range: one range for every package, and no version in it that an
 * OpenTelemetry package Meridian depends on refuses (npm would install such an API beside the SDK).
 */
export function apiRangeProblems(ranges: { name: string; range: string }[], accepted: { name: string; range: string }[]): string[] {
  const out: string[] = [];
  const distinct = [...new Set(ranges.map((r) => r.range))];
  if (distinct.length > 1) out.push(`packages declare different @opentelemetry/api peer ranges: ${ranges.map((r) => `${r.name} ${r.range}`).join(', ')}`);
  for (const r of ranges) {
    const ours = rangeBounds(r.range);
    if (ours === undefined) {
      out.push(`${r.name}: peer @opentelemetry/api "${r.range}" is not a range of the form ">=a <b", "^a" or "~a"`);
      continue;
    }
    for (const a of accepted) {
      const theirs = rangeBounds(a.range);
      if (theirs === undefined) out.push(`${a.name} accepts @opentelemetry/api "${a.range}", which this check cannot read`);
      else if (cmp(ours[0], theirs[0]) < 0 || cmp(ours[1], theirs[1]) > 0)
        out.push(`${r.name}: peer @opentelemetry/api "${r.range}" admits versions ${a.name} refuses (it accepts "${a.range}")`);
    }
  }
  return out;
}

const publicPackages = packages().filter((p) => p.pkg.private !== true);

test('the root package.json names the repository every package points at', () => {
  assert.match(repoUrl, /^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/, 'root package.json repository.url');
  assert.ok(publicPackages.length >= 16, `found ${publicPackages.length} public packages`);
});

test('every public package.json is publishable: metadata, entry points for node10, sources shipped, prepack, ranges', () => {
  const problems = publicPackages.flatMap(({ dir, pkg }) => manifestProblems(dir, pkg, { repoUrl, privateNames }));
  assert.deepEqual(problems, []);
});

test('every public package carries the repository LICENSE (Apache-2.0), byte for byte', () => {
  const license = readFileSync(join(root, 'LICENSE'));
  assert.match(license.toString('utf8'), /Apache License\s+Version 2\.0, January 2004/);
  const missing = publicPackages
    .filter(({ dir }) => {
      const f = join(root, 'packages', dir, 'LICENSE');
      return !existsSync(f) || !readFileSync(f).equals(license);
    })
    .map(({ dir }) => `packages/${dir}/LICENSE`);
  assert.deepEqual(missing, [], 'copy the root LICENSE into these packages');
});

test('sideEffects lists only modules that exist, and every module that registers something on import', () => {
  for (const { dir, pkg } of publicPackages) {
    for (const f of Array.isArray(pkg.sideEffects) ? pkg.sideEffects : []) {
      const src = join(root, 'packages', dir, f.replace('./dist/src/', 'src/').replace(/\.js$/, '.ts'));
      assert.ok(existsSync(src), `packages/${dir}: sideEffects names ${f}, but ${src} does not exist`);
    }
    // A package whose index imports a module only for its effect must not be sideEffects: false.
    const index = readFileSync(join(root, 'packages', dir, 'src', 'index.ts'), 'utf8');
    const effectImports = [...index.matchAll(/^import\s+'(\.\/[^']+)';/gm)].map((m) => `./dist/src/${m[1]!.slice(2)}`);
    for (const e of effectImports) {
      assert.ok(
        Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes(e) && pkg.sideEffects.includes('./dist/src/index.js'),
        `packages/${dir}: src/index.ts imports ${e} for its effect; list it and ./dist/src/index.js in sideEffects`,
      );
    }
  }
});

test('dependencies match imports: none declared and unused, none imported and undeclared', () => {
  const problems = publicPackages.flatMap(({ dir, pkg }) => {
    const base = join(root, 'packages', dir);
    const src = new Set(sourceFiles(join(base, 'src')).flatMap(importsOf));
    const rest = new Set(['test', 'bench', 'test-d', 'bin'].flatMap((d) => sourceFiles(join(base, d))).flatMap(importsOf));
    return importProblems(dir, pkg, { src, rest });
  });
  assert.deepEqual(problems, []);
});

test('the checks catch what they describe (they are not checks that cannot fail)', () => {
  const ctx = { repoUrl: 'git+https://github.com/o/r.git', privateNames: new Set(['@meridian/testing']) };
  const bad: Manifest = {
    name: '@meridian/x',
    license: 'MIT',
    keywords: ['x'],
    sideEffects: ['./lib/a.js'],
    exports: {
      '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' },
      './register': { types: './dist/src/register.d.ts', default: './dist/src/register.js' },
    },
    main: './dist/src/index.js',
    files: ['dist/src'],
    dependencies: { '@meridian/config': 'workspace:*', '@meridian/testing': 'workspace:^' },
    peerDependencies: { '@meridian/exporter-otlp': '0.1.0', '@opentelemetry/api': '1.9.0' },
  };
  const problems = manifestProblems('x', bad, ctx).join('\n');
  for (const expected of [
    'license is MIT',
    'repository should be',
    'homepage should be',
    'bugs should be',
    'keywords:',
    'sideEffects should be',
    'types should be ./dist/src/index.d.ts',
    'typesVersions["*"]["register"]',
    'files should include src',
    'files should include LICENSE',
    'publishConfig.access',
    'scripts.prepack',
    'dependencies.@meridian/config is workspace:*',
    'names @meridian/testing',
    'peerDependencies.@meridian/exporter-otlp is 0.1.0',
    'peerDependencies.@opentelemetry/api is pinned to 1.9.0',
  ])
    assert.ok(problems.includes(expected), `expected a problem containing "${expected}" in:\n${problems}`);
  const good = manifestProblems(
    'x',
    {
      ...bad,
      license: 'Apache-2.0',
      keywords: ['meridian', 'a', 'b'],
      sideEffects: false,
      types: './dist/src/index.d.ts',
      repository: { type: 'git', url: ctx.repoUrl, directory: 'packages/x' },
      homepage: 'https://github.com/o/r/tree/main/packages/x#readme',
      bugs: { url: 'https://github.com/o/r/issues' },
      typesVersions: { '*': { register: ['./dist/src/register.d.ts'] } },
      files: ['dist/src', 'src', 'README.md', 'LICENSE'],
      publishConfig: { access: 'public' },
      scripts: { prepack: 'tsc -b' },
      dependencies: { '@meridian/config': 'workspace:^' },
      peerDependencies: { '@meridian/exporter-otlp': 'workspace:^', '@opentelemetry/api': '>=1.9.0 <1.10.0' },
    },
    ctx,
  );
  assert.deepEqual(good, []);

  const imports = importProblems(
    'x',
    {
      name: '@meridian/x',
      dependencies: { express: '^5', '@meridian/http': 'workspace:^' },
      devDependencies: { '@types/express': '^5', winston: '^3', '@types/node': '^20' },
      peerDependencies: {},
    },
    { src: new Set(['@meridian/http', 'fastify']), rest: new Set(['express', 'pino']) },
  ).join('\n');
  for (const expected of [
    'dependency express is never imported by src/',
    'devDependency winston is imported nowhere',
    'devDependency @types/node is imported nowhere',
    'src/ imports fastify',
    'tests or benches import pino',
  ])
    assert.ok(imports.includes(expected), `expected "${expected}" in:\n${imports}`);
  assert.ok(!imports.includes('@types/express'), '@types/express counts as used when express is imported');
});

test('the @opentelemetry/api peer range is one range, within what every OpenTelemetry dependency accepts', () => {
  const ranges = publicPackages.flatMap(({ pkg }) => {
    const range = pkg.peerDependencies?.['@opentelemetry/api'];
    return range === undefined ? [] : [{ name: pkg.name, range }];
  });
  assert.ok(ranges.length >= 10, `${ranges.length} packages declare the API as a peer`);
  const accepted = publicPackages.flatMap(({ dir, pkg }) =>
    Object.keys(pkg.dependencies ?? {})
      .filter((d) => d.startsWith('@opentelemetry/'))
      .flatMap((d) => {
        const m = JSON.parse(readFileSync(join(root, 'packages', dir, 'node_modules', d, 'package.json'), 'utf8')) as Manifest & { version: string };
        const range = m.peerDependencies?.['@opentelemetry/api'];
        return range === undefined ? [] : [{ name: `${d}@${m.version}`, range }];
      }),
  );
  assert.ok(accepted.length >= 5, `${accepted.length} OpenTelemetry dependencies declare an API range`);
  assert.deepEqual(apiRangeProblems(ranges, accepted), []);
  // The check can fail: ^1.9.0 admits 1.10, which SDK 2.x refuses; mixed and unreadable ranges are named.
  const sdk = [{ name: '@opentelemetry/core@2.12.1', range: '>=1.0.0 <1.10.0' }];
  const bad = apiRangeProblems(
    [
      { name: '@meridian/a', range: '^1.9.0' },
      { name: '@meridian/b', range: '1.9.x || 1.10.x' },
    ],
    sdk,
  ).join('\n');
  for (const expected of [
    'different @opentelemetry/api peer ranges',
    '@meridian/a: peer @opentelemetry/api "^1.9.0" admits versions',
    '@meridian/b: peer @opentelemetry/api "1.9.x || 1.10.x" is not a range',
  ])
    assert.ok(bad.includes(expected), `expected "${expected}" in:\n${bad}`);
  assert.deepEqual(apiRangeProblems([{ name: '@meridian/a', range: '~1.9.0' }], sdk), []);
  assert.deepEqual(rangeBounds('^0.2.3'), [
    [0, 2, 3],
    [0, 3, 0],
  ]);
});

test('the import scanner ignores module names in comments and strings, and sees dynamic imports and require', () => {
  const seen = new Set(sourceFiles(join(root, 'packages', 'transport', 'src')).flatMap(importsOf));
  assert.ok(!seen.has('@meridian/exporter-cloudwatch'), 'transport names the exporter packages only in comments and messages');
  const nodeSrc = new Set(sourceFiles(join(root, 'packages', 'node', 'src')).flatMap(importsOf));
  assert.ok(nodeSrc.has('@meridian/config'), 'static imports are seen');
});

test('.pnpmfile.cjs packs a consumer manifest: no devDependencies or scripts, and no runtime dependency on a private package', () => {
  const { hooks } = createRequire(import.meta.url)(join(root, '.pnpmfile.cjs')) as {
    hooks: { beforePacking(pkg: Record<string, unknown>): Record<string, unknown> };
  };
  const packed = hooks.beforePacking({
    name: '@meridian/x',
    version: '0.1.0',
    dependencies: { '@meridian/config': '^0.1.0' },
    peerDependencies: { '@opentelemetry/api': '^1.9.0' },
    devDependencies: { '@meridian/testing': '0.0.0', typescript: '~5.9.3' },
    scripts: { build: 'tsc -b', bench: 'node dist/bench/x.js' },
  });
  assert.deepEqual(packed, {
    name: '@meridian/x',
    version: '0.1.0',
    dependencies: { '@meridian/config': '^0.1.0' },
    peerDependencies: { '@opentelemetry/api': '^1.9.0' },
  });
  assert.throws(
    () => hooks.beforePacking({ name: '@meridian/x', dependencies: { '@meridian/testing': '0.0.0' } }),
    /@meridian\/x: dependencies names @meridian\/testing, a private workspace package that is never published/,
  );
  assert.throws(
    () => hooks.beforePacking({ name: '@meridian/x', peerDependencies: { '@meridian/testing': '0.0.0' } }),
    /peerDependencies names @meridian\/testing/,
  );
});
