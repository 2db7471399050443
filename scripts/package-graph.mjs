// The workspace's package graph (dependencies, devDependencies, peerDependencies and
// optionalDependencies between @meridian/* packages) and its cycles.
// Usage: node scripts/package-graph.mjs [--mermaid]   exits 1 when a cycle exists.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KINDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** Map name → [{ to, kind }] over the workspace packages (packages/*, examples/*, test). */
export function packageGraph() {
  const dirs = [];
  for (const group of ['packages', 'examples']) {
    for (const d of readdirSync(join(root, group)).sort()) dirs.push(join(root, group, d));
  }
  dirs.push(join(root, 'test'));
  const graph = new Map();
  for (const dir of dirs) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const edges = [];
    for (const kind of KINDS) {
      for (const dep of Object.keys(pkg[kind] ?? {})) if (dep.startsWith('@meridian/')) edges.push({ to: dep, kind });
    }
    graph.set(pkg.name, edges);
  }
  return graph;
}

/** Every elementary cycle found by depth-first search, each as a list of names (first repeated last). */
export function findCycles(graph) {
  const cycles = [];
  const state = new Map();
  const stack = [];
  const visit = (n) => {
    state.set(n, 'open');
    stack.push(n);
    for (const { to } of graph.get(n) ?? []) {
      if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = packageGraph();
  const short = (n) => n.replace('@meridian/', '');
  if (process.argv.includes('--mermaid')) {
    console.log('graph BT');
    for (const [from, edges] of graph) {
      for (const e of edges)
        console.log(`  ${short(from)} ${e.kind === 'dependencies' ? '-->' : '-.->'}|${e.kind.replace('Dependencies', '')}| ${short(e.to)}`);
    }
  } else {
    for (const [from, edges] of graph) {
      const deps = edges.filter((e) => e.kind === 'dependencies').map((e) => short(e.to));
      const other = edges.filter((e) => e.kind !== 'dependencies').map((e) => `${short(e.to)} (${e.kind.replace('Dependencies', '')})`);
      console.log(`${short(from).padEnd(22)} → ${[...deps, ...other].join(', ') || '—'}`);
    }
  }
  const cycles = findCycles(graph);
  for (const c of cycles) console.error(`cycle: ${c.map(short).join(' → ')}`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
