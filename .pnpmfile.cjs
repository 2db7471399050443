// pnpm hooks of the Meridian workspace (pnpm reads this file on install, pack and publish).
//
// beforePacking: the package.json that `pnpm pack` / `pnpm publish` put in a tarball. A published manifest
// says what an install of the package needs: entry points, dependencies, peer dependencies, engines and
// metadata. It carries no devDependencies and no scripts: those describe this workspace (they name the
// private @meridian/testing helpers, tsc, benchmarks in dist/bench) and nothing in them is in the tarball
// or installed for a consumer. pnpm has already turned `workspace:` specifiers into versions and dropped the
// publish-lifecycle scripts (prepack) by then. A runtime dependency on a private workspace package would
// make the package uninstallable, so packing stops with the reason instead.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function privateWorkspacePackages() {
  const names = new Set();
  const dir = join(__dirname, 'packages');
  for (const entry of readdirSync(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, entry, 'package.json'), 'utf8'));
      if (pkg.private === true) names.add(pkg.name);
    } catch {
      /* not a package */
    }
  }
  return names;
}

function beforePacking(pkg) {
  const privates = privateWorkspacePackages();
  for (const kind of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const name of Object.keys(pkg[kind] ?? {})) {
      if (privates.has(name)) {
        throw new Error(`${pkg.name}: ${kind} names ${name}, a private workspace package that is never published; ` + 'only devDependencies may name it');
      }
    }
  }
  delete pkg.devDependencies;
  delete pkg.scripts;
  return pkg;
}

module.exports = { hooks: { beforePacking } };
