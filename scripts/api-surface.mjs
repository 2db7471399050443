// Lists the public surface of every workspace package: the names each "exports" entry point declares
// (values and types), read from the compiled declaration files with the TypeScript compiler API.
// Usage: node scripts/api-surface.mjs [--json]   (build first)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

/** { package: { entry: [names] } } for every public (non-private) package, or every package with `all`. */
export function apiSurface({ all = false } = {}) {
  const out = {};
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const pkgPath = join(root, 'packages', dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    if (pkg.private && !all) continue;
    const entries = {};
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const types = typeof target === 'string' ? undefined : target.types;
      if (types === undefined) continue;
      const file = join(root, 'packages', dir, types);
      entries[sub] = existsSync(file) ? exportedNames(file) : [];
    }
    out[pkg.name] = entries;
  }
  return out;
}

function exportedNames(file) {
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file);
  const sym = sf && checker.getSymbolAtLocation(sf);
  return sym
    ? checker
        .getExportsOfModule(sym)
        .map((s) => s.getName())
        .sort()
    : [];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const surface = apiSurface();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(surface, null, 2));
  } else {
    let total = 0;
    for (const [name, entries] of Object.entries(surface)) {
      for (const [sub, names] of Object.entries(entries)) {
        total += names.length;
        console.log(`${String(names.length).padStart(4)}  ${name}${sub === '.' ? '' : sub.slice(1)}`);
      }
    }
    console.log(`${String(total).padStart(4)}  total`);
  }
}
