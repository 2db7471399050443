// The workspace's package graph has no cycle (dependencies, devDependencies, peerDependencies and
// optionalDependencies between @meridian/* packages), @meridian/testing depends on no @meridian package,
// and the core logger never looks a package up by name (issue 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Graph = Map<string, { to: string; kind: string }[]>;
const { packageGraph, findCycles } = (await import(new URL('../../scripts/package-graph.mjs', import.meta.url).href)) as {
  packageGraph(): Graph;
  findCycles(g: Graph): string[][];
};

test('no cycle in the package graph, dev and peer edges included', () => {
  const graph = packageGraph();
  assert.ok(graph.size >= 17, `found ${graph.size} packages`);
  const cycles = findCycles(graph);
  assert.deepEqual(
    cycles.map((c) => c.join(' → ')),
    [],
  );
});

test('the cycle finder finds a cycle when there is one (it is not a check that cannot fail)', () => {
  const g: Graph = new Map([
    ['a', [{ to: 'b', kind: 'dependencies' }]],
    ['b', [{ to: 'c', kind: 'devDependencies' }]],
    ['c', [{ to: 'a', kind: 'peerDependencies' }]],
  ]);
  assert.deepEqual(findCycles(g), [['a', 'b', 'c', 'a']]);
});

test('@meridian/testing depends on no @meridian package, so every package may use it', () => {
  assert.deepEqual(packageGraph().get('@meridian/testing'), []);
});

test('the core logger and transport never import a package by a computed name', () => {
  for (const pkg of ['logger', 'transport']) {
    const dir = join(root, 'packages', pkg, 'src');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.doesNotMatch(text, /\bimport\s*\(/, `${pkg}/src/${f} uses import()`);
      assert.doesNotMatch(text, /\brequire\s*\(/, `${pkg}/src/${f} uses require()`);
    }
  }
});
