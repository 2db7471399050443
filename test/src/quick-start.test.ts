// The root README's quick start names complete `npm install` lines: every package on a line exists, and the
// line carries every peer dependency (not marked optional) of the @meridian packages it installs, including
// the peers of their @meridian dependencies. When a package.json gains a peer, this says which README line
// to extend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function manifest(name: string): Manifest | undefined {
  const f = join(root, 'packages', name.replace(/^@meridian\//, ''), 'package.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Manifest) : undefined;
}

/** Required peers of `pkg` and of the @meridian packages it depends on, each with the package that asks for it. */
export function requiredPeers(pkg: string, read: (name: string) => Manifest | undefined, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  if (seen.has(pkg)) return out;
  seen.add(pkg);
  const m = read(pkg);
  if (m === undefined) return out;
  for (const peer of Object.keys(m.peerDependencies ?? {})) {
    if (m.peerDependenciesMeta?.[peer]?.optional !== true) out.set(peer, pkg);
  }
  for (const dep of Object.keys(m.dependencies ?? {}).filter((d) => d.startsWith('@meridian/'))) {
    for (const [peer, by] of requiredPeers(dep, read, seen)) if (!out.has(peer)) out.set(peer, by);
  }
  return out;
}

/** `npm install` lines of the README's quick start, with their line numbers. */
function installLines(readme: string): { line: number; packages: string[] }[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith('## Quick start'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const out: { line: number; packages: string[] }[] = [];
  for (let i = start; i >= 0 && i < end; i++) {
    const m = /^npm install (.+)$/.exec(lines[i]!.trim());
    if (m !== null) out.push({ line: i + 1, packages: m[1]!.split(/\s+/).filter((t) => !t.startsWith('-')) });
  }
  return out;
}

export function installProblems(readme: string, read: (name: string) => Manifest | undefined): string[] {
  const problems: string[] = [];
  for (const { line, packages } of installLines(readme)) {
    for (const pkg of packages.filter((p) => p.startsWith('@meridian/'))) {
      if (read(pkg) === undefined) {
        problems.push(`README.md:${line} installs ${pkg}, which is not a package of this repository`);
        continue;
      }
      for (const [peer, by] of requiredPeers(pkg, read)) {
        if (!packages.includes(peer) && !(peer.startsWith('@meridian/') && packages.includes(peer))) {
          problems.push(`README.md:${line} installs ${pkg} but not ${peer}, a peer dependency of ${by}`);
        }
      }
    }
  }
  return problems;
}

test('every npm install line of the quick start is complete', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const lines = installLines(readme);
  assert.ok(lines.length >= 7, `found ${lines.length} npm install lines in the quick start (plain node, Express, Fastify, winston, three exporters)`);
  const problems = installProblems(readme, manifest);
  assert.equal(problems.length, 0, problems.join('\n'));
});

test('a line missing a peer, or naming an unknown package, is reported with its line', () => {
  const fake: Record<string, Manifest> = {
    '@meridian/a': { dependencies: { '@meridian/b': '*' }, peerDependencies: { express: '^5' } },
    '@meridian/b': { peerDependencies: { '@opentelemetry/api': '^1.9.0', '@meridian/x': '*' }, peerDependenciesMeta: { '@meridian/x': { optional: true } } },
  };
  const readme = ['## Quick start', '```sh', 'npm install @meridian/a express', 'npm install @meridian/nope', '```', '## Next', 'npm install @meridian/a'].join(
    '\n',
  );
  assert.deepEqual(
    installProblems(readme, (n) => fake[n]),
    [
      'README.md:3 installs @meridian/a but not @opentelemetry/api, a peer dependency of @meridian/b',
      'README.md:4 installs @meridian/nope, which is not a package of this repository',
    ],
  );
});
