// Packs every public workspace package the way `pnpm publish` does (its prepack build, `workspace:`
// specifiers turned into versions, the .pnpmfile.cjs beforePacking hook), into one directory, and
// optionally runs `npm publish --dry-run` on each tarball.
// Usage: node scripts/pack.mjs [dest-dir] [--publish-dry-run]      (default dest-dir: .packs)
// test/src/pack-install.e2e.test.ts uses the same functions.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The packages `packAll` packs: every packages/* manifest not marked private. */
export function publicPackages() {
  const out = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest.private !== true) out.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return out;
}

/** The tarball file name npm and pnpm give a package: @scope/name@1.0.0 → scope-name-1.0.0.tgz. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/**
 * The environment for package-manager children: without coverage collection (NODE_V8_COVERAGE would make
 * every pnpm, npm and tsc process write its coverage) and without the npm_* settings a parent
 * `pnpm run` exports (npm would read them as its own configuration).
 */
export function toolEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_V8_COVERAGE' || k.toLowerCase().startsWith('npm_')) continue;
    env[k] = v;
  }
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs a command; resolves with its exit code and output (never rejects for a non-zero exit). */
export function run(cmd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd ?? root, env: options.env ?? toolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Packs every public package into `dest` with pnpm 12 (one at a time: each prepack runs `tsc -b`). */
export async function packAll(dest, { env = toolEnv() } = {}) {
  mkdirSync(dest, { recursive: true });
  const pkgs = publicPackages();
  const filters = pkgs.flatMap((p) => ['--filter', p.name]);
  const r = await run(npx, ['-y', 'pnpm@12', '-r', '--workspace-concurrency=1', ...filters, 'pack', '--pack-destination', resolve(dest)], { env });
  if (r.code !== 0) throw new Error(`pnpm pack failed (exit ${r.code}):\n${r.stderr}\n${r.stdout.slice(-4000)}`);
  return pkgs.map((p) => ({ ...p, file: join(resolve(dest), tarballName(p.name, p.version)) }));
}

/** `npm publish --dry-run <tarball>`: npm's own checks of what would be published, nothing uploaded. */
export function publishDryRun(file, { env = toolEnv() } = {}) {
  return run(npm, ['publish', '--dry-run', file], { env });
}

/**
 * npm warnings in `npm publish --dry-run` output other than the one a dry run without credentials
 * always prints ("This command requires you to be logged in … (dry-run)").
 */
export function publishWarnings(output) {
  return output.split('\n').filter((l) => /^npm (warn|error|ERR!)/i.test(l) && !/requires you to be logged in .*\(dry-run\)/.test(l));
}

/** The files of a .tgz made by npm or pnpm (ustar, with pax or GNU long names), by path without "package/". */
export function readTarball(file) {
  const data = gunzipSync(readFileSync(file));
  const files = new Map();
  let offset = 0;
  let longName;
  const text = (start, len) =>
    data
      .subarray(start, start + len)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = data.subarray(offset + 512, offset + 512 + size);
    const prefix = text(offset + 345, 155);
    let name = longName ?? (prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100));
    longName = undefined;
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else if (type === '0' || type === '\0') {
      name = name.replace(/^package\//, '');
      files.set(name, Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dest = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, '.packs'));
  const packed = await packAll(dest);
  for (const p of packed) console.log(p.file);
  if (args.includes('--publish-dry-run')) {
    let failed = 0;
    for (const p of packed) {
      const r = await publishDryRun(p.file);
      const warnings = publishWarnings(r.stdout + r.stderr);
      const ok = r.code === 0 && warnings.length === 0;
      if (!ok) failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} npm publish --dry-run ${p.name}${ok ? '' : `\n${warnings.join('\n') || r.stderr}`}`);
    }
    process.exit(failed === 0 ? 0 : 1);
  }
}
