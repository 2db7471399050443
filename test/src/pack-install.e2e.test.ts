// The packages as a user gets them (issue 14): every public package packed the way `pnpm publish` packs
// it, checked file by file and by `npm publish --dry-run`, then installed with npm from the tarballs into
// a temporary app outside the workspace (third-party dependencies from the npm registry, as the README's
// install lines name them). There an Express app and a Fastify app run under
// `node --import @meridian/node/register`, and small TypeScript consumers compile with moduleResolution
// node10, nodenext and bundler.
//
// It needs the npm registry and takes about a minute and a half, so it runs when MERIDIAN_PACK_TEST=1;
// .ci/run sets it. Everything it writes (tarballs, npm cache, the app) is in one temporary directory.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startDevCollector } from '@meridian/devtools';

interface Packed {
  name: string;
  version: string;
  dir: string;
  file: string;
  manifest: Record<string, unknown>;
}
interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}
const pack = (await import(new URL('../../scripts/pack.mjs', import.meta.url).href)) as {
  packAll(dest: string, o?: { env?: NodeJS.ProcessEnv }): Promise<Packed[]>;
  publishDryRun(file: string, o?: { env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  publishWarnings(output: string): string[];
  readTarball(file: string): Map<string, Buffer>;
  run(cmd: string, args: string[], o?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  toolEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
};

const enabled = process.env['MERIDIAN_PACK_TEST'] === '1';
const skip = enabled ? false : 'set MERIDIAN_PACK_TEST=1 to run (needs the npm registry; .ci/run sets it)';
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

const tmp = enabled ? mkdtempSync(join(tmpdir(), 'meridian-pack-')) : '';
const app = join(tmp, 'app');
// npm's cache lives in the temporary directory too: nothing is cached outside it.
const env = pack.toolEnv({ npm_config_cache: join(tmp, 'npm-cache'), npm_config_loglevel: 'error' });
after(() => {
  if (enabled) rmSync(tmp, { recursive: true, force: true });
});

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

const packed = memo(() => pack.packAll(join(tmp, 'tarballs'), { env }));

/** The packages an Express and a Fastify service install, the three exporters, and their @meridian dependencies. */
function installSet(all: Packed[]): Packed[] {
  const byName = new Map(all.map((p) => [p.name, p]));
  const out = new Set<string>();
  const visit = (name: string): void => {
    if (out.has(name)) return;
    const p = byName.get(name);
    assert.ok(p, `${name} was not packed`);
    out.add(name);
    for (const dep of Object.keys((p.manifest['dependencies'] ?? {}) as Record<string, string>)) if (dep.startsWith('@meridian/')) visit(dep);
  };
  for (const n of [
    '@meridian/node',
    '@meridian/express',
    '@meridian/fastify',
    '@meridian/exporter-otlp',
    '@meridian/exporter-elk',
    '@meridian/exporter-cloudwatch',
  ])
    visit(n);
  return all.filter((p) => out.has(p.name));
}

const installed = memo(async () => {
  const tarballs = installSet(await packed()).map((p) => p.file);
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-install-app', private: true, type: 'module' }, null, 2));
  // The README's install lines (@opentelemetry/api, express, fastify unversioned), plus what a TypeScript user adds.
  const r = await pack.run(
    npm,
    ['install', '--no-audit', '--no-fund', ...tarballs, '@opentelemetry/api', 'express', 'fastify', '@types/node@^20', '@types/express'],
    { cwd: app, env },
  );
  assert.equal(r.code, 0, `npm install failed:\n${r.stderr}`);
  return tarballs;
});

test('every public package packs with its LICENSE, README, sources, entry points and a consumer manifest', { skip, timeout: 240_000 }, async () => {
  const all = await packed();
  assert.ok(all.length >= 16, `packed ${all.length} packages`);
  const problems: string[] = [];
  for (const p of all) {
    const files = pack.readTarball(p.file);
    const say = (s: string): void => {
      problems.push(`${p.name}: ${s}`);
    };
    for (const f of ['package.json', 'LICENSE', 'README.md']) if (!files.has(f)) say(`no ${f} in the tarball`);
    const m = JSON.parse(files.get('package.json')!.toString('utf8')) as Record<string, unknown>;
    if ('devDependencies' in m) say('the packed manifest has devDependencies');
    if ('scripts' in m) say('the packed manifest has scripts');
    const specs = { ...((m['dependencies'] ?? {}) as Record<string, string>), ...((m['peerDependencies'] ?? {}) as Record<string, string>) };
    for (const [dep, spec] of Object.entries(specs)) {
      if (spec.startsWith('workspace:')) say(`${dep} is still ${spec}`);
      if (dep.startsWith('@meridian/') && spec !== `^${p.version}`) say(`${dep} is ${spec}, not the range ^${p.version}`);
    }
    // Entry points (exports, main, types, typesVersions, bin) are files of the tarball.
    const targets = [m['main'], m['types']];
    for (const t of Object.values((m['exports'] ?? {}) as Record<string, Record<string, string>>)) targets.push(...Object.values(t));
    for (const map of Object.values((m['typesVersions'] ?? {}) as Record<string, Record<string, string[]>>))
      for (const t of Object.values(map)) targets.push(...t);
    targets.push(...Object.values((m['bin'] ?? {}) as Record<string, string>));
    for (const t of targets) if (typeof t !== 'string' || !files.has(posix.normalize(t))) say(`entry point ${String(t)} is not in the tarball`);
    // Source maps and declaration maps point at files that ship.
    let maps = 0;
    for (const [path, body] of files) {
      if (!path.endsWith('.map')) continue;
      maps++;
      const map = JSON.parse(body.toString('utf8')) as { sourceRoot?: string; sources: string[] };
      for (const s of map.sources) {
        const target = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? '', s));
        if (!files.has(target)) say(`${path} points at ${target}, which is not in the tarball`);
      }
    }
    if (maps === 0) say('no source maps at all (expected .js.map and .d.ts.map next to dist/src)');
    for (const path of files.keys()) if (/^(dist\/)?(test|bench)\//.test(path)) say(`${path}: tests and benches do not ship`);
  }
  assert.deepEqual(problems, []);
});

test('npm publish --dry-run passes for every tarball, with public access and no warning', { skip, timeout: 240_000 }, async () => {
  const all = await packed();
  const results = await Promise.all(
    all.map(async (p) => ({ p, r: await pack.publishDryRun(p.file, { env: pack.toolEnv({ npm_config_cache: join(tmp, 'npm-cache') }) }) })),
  );
  for (const { p, r } of results) {
    const output = r.stdout + r.stderr;
    assert.equal(r.code, 0, `${p.name}: npm publish --dry-run exited ${r.code}\n${output}`);
    assert.match(output, new RegExp(`with tag latest and public access \\(dry-run\\)`), `${p.name} would be published publicly`);
    assert.deepEqual(pack.publishWarnings(output), [], `${p.name}: npm warned`);
  }
});

test('the tarballs install with npm into an app outside the workspace, and every entry point imports and requires', { skip, timeout: 300_000 }, async () => {
  await installed();
  const names = installSet(await packed()).map((p) => p.name);
  // Import every exports entry but ./register (it starts Meridian): from the app, as the app would.
  writeFileSync(
    join(app, 'imports.mjs'),
    `
const out = {};
for (const name of ${JSON.stringify(names)}) out[name] = Object.keys(await import(name)).length;
console.log(JSON.stringify(out));
`,
  );
  const r = await pack.run(process.execPath, ['imports.mjs'], { cwd: app, env });
  assert.equal(r.code, 0, r.stderr);
  const counts = JSON.parse(r.stdout) as Record<string, number>;
  for (const n of names) assert.ok((counts[n] ?? 0) > 0, `${n} imported with ${counts[n]} exports`);
  // CommonJS code loads them too, through require(esm) (Node >= 20.19), as the README says.
  writeFileSync(
    join(app, 'requires.cjs'),
    `
const out = {};
for (const name of ${JSON.stringify(names)}) out[name] = Object.keys(require(name)).length;
console.log(JSON.stringify(out));
`,
  );
  const c = await pack.run(process.execPath, ['requires.cjs'], { cwd: app, env });
  assert.equal(c.code, 0, c.stderr);
  assert.deepEqual(JSON.parse(c.stdout), counts, 'require() sees the same exports as import');
});

function start(file: string, extraEnv: Record<string, string>): { child: ChildProcess; output: () => RunResult } {
  const child = spawn(process.execPath, ['--import', '@meridian/node/register', file], {
    cwd: app,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return { child, output: () => ({ code: child.exitCode, stdout, stderr }) };
}

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function until<T>(get: () => T | undefined, what: string, output: () => RunResult, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${output().stdout}\nstderr:\n${output().stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const APPS = {
  express: {
    file: 'express-app.mjs',
    path: '/orders/A-1',
    source: `import express from 'express';
import { instrumentExpress } from '@meridian/express';
import { logger } from '@meridian/node';

const app = express();
instrumentExpress(app);
app.get('/orders/:id', (req, res) => {
  req.log.info('loading order', { orderId: req.params.id });
  res.json({ id: req.params.id });
});
const server = app.listen(0, '127.0.0.1', () => logger.info('listening', { port: server.address().port }));
process.on('SIGTERM', () => server.close());
`,
  },
  fastify: {
    file: 'fastify-app.mjs',
    path: '/charges/C-7',
    source: `import Fastify from 'fastify';
import { meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { logger } from '@meridian/node';

const app = Fastify({ loggerInstance: meridianFastifyLogger(logger) });
await app.register(meridianFastify);
app.get('/charges/:id', async (request) => {
  request.log.info({ chargeId: request.params.id }, 'loading charge');
  return { id: request.params.id };
});
await app.listen({ port: 0, host: '127.0.0.1' });
logger.info('listening', { port: app.server.address().port });
process.on('SIGTERM', () => void app.close());
`,
  },
} as const;

for (const [framework, spec] of Object.entries(APPS)) {
  test(
    `an installed ${framework} app under node --import @meridian/node/register continues the caller's trace in its access line, spans and OTLP logs`,
    { skip, timeout: 300_000 },
    async () => {
      await installed();
      writeFileSync(join(app, spec.file), spec.source);
      const collector = await startDevCollector({ port: 0 });
      const { child, output } = start(spec.file, {
        OTEL_SERVICE_NAME: `pack-${framework}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        MERIDIAN_LOG_EXPORTERS: 'console,otlp',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        MERIDIAN_BATCH_DELAY_MS: '100',
      });
      try {
        const listening = await until(() => lines(output().stdout).find((l) => l['message'] === 'listening'), `${framework} to listen`, output);
        const res = await fetch(`http://127.0.0.1:${String(listening['port'])}${spec.path}`, { headers: { traceparent: TRACEPARENT } });
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { id: spec.path.split('/')[2] });
        const access = await until(() => lines(output().stdout).find((l) => l['status'] === 200), 'the access line', output);
        assert.equal(access['trace_id'], TRACE_ID, "the access line carries the caller's trace id");
        assert.equal(access['service'], `pack-${framework}`);
        assert.match(String(access['timestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        const handlerLine = lines(output().stdout).find((l) => l['message'] === (framework === 'express' ? 'loading order' : 'loading charge'));
        assert.equal(handlerLine?.['trace_id'], TRACE_ID, "the handler's log line carries it too");
        // The optional exporter peer (@meridian/exporter-otlp) was found and loaded by @meridian/node, and
        // tracing exported the server span: both reach the collector under the caller's trace id.
        await collector
          .waitFor((s) => s.spans.some((sp) => sp.traceId === TRACE_ID && sp.kind === 2) && s.logs.some((l) => l.traceId === TRACE_ID), 15_000)
          .catch((e: unknown) => {
            throw new Error(
              `${String(e)}\nspans: ${JSON.stringify(collector.spans().map((s) => [s.traceId, s.name]))}\nlogs: ${collector.logs().length}\nstderr:\n${output().stderr}`,
            );
          });
        assert.equal(
          output()
            .stderr.split('\n')
            .filter((l) => l.includes('MERIDIAN_ERR_'))
            .join('\n'),
          '',
          'no Meridian error on stderr',
        );
      } finally {
        child.kill('SIGTERM');
        if (child.exitCode === null) await once(child, 'exit');
        await collector.close();
      }
    },
  );
}

const CONSUMER = `import { logger, startMeridian, shutdown } from '@meridian/node';
import * as register from '@meridian/node/register';
import { instrumentExpress, meridianErrorHandler, type ExpressOptions } from '@meridian/express';
import { meridianFastify, meridianFastifyLogger } from '@meridian/fastify';
import { createLogger, type Logger } from '@meridian/logger';
import { withContext, getContext } from '@meridian/context';
import { createOtlpLogExporter } from '@meridian/exporter-otlp';
import { createElasticsearchExporter } from '@meridian/exporter-elk';
import { createCloudWatchExporter } from '@meridian/exporter-cloudwatch';
import { startTracing } from '@meridian/tracing';
import { createRedactor } from '@meridian/redact';

const log: Logger = createLogger({ level: 'info' });
withContext({ request_id: 'r-1' }, () => log.info('hello', { n: 1, ctx: getContext() }));
logger.warn('facade');
const options: ExpressOptions = {};
export const used = [register, startMeridian, shutdown, instrumentExpress, meridianErrorHandler, options, meridianFastify,
  meridianFastifyLogger, createOtlpLogExporter, createElasticsearchExporter, createCloudWatchExporter, startTracing, createRedactor];
// @ts-expect-error: not a level
createLogger({ level: 'loud' });
`;

test('TypeScript consumers compile against the installed packages with moduleResolution node10, nodenext and bundler', { skip, timeout: 300_000 }, async () => {
  await installed();
  const dir = join(app, 'ts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  const common = { target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
  const configs = {
    // node10 reads main/types/typesVersions (no exports); esModuleInterop as `tsc --init` sets it (pino's types need it).
    node10: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
    bundler: { module: 'preserve', moduleResolution: 'bundler' },
  };
  // The three compile in parallel; skipLibCheck is off so the packages' own .d.ts files are resolved and checked.
  const results = await Promise.all(
    Object.entries(configs).map(async ([name, options]) => {
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...common, ...options }, files: ['consumer.ts'] }));
      return { name, r: await pack.run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: dir, env }) };
    }),
  );
  for (const { name, r } of results) assert.equal(r.code, 0, `moduleResolution ${name}:\n${r.stdout}${r.stderr}`);
});
