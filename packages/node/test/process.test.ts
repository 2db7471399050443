import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decodeOtlpTraces, type DevSpan } from '@meridian/devtools';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const REGISTER = fileURLToPath(new URL('../src/register.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** OTLP/HTTP receiver on 127.0.0.1:0: keeps the spans of each request (decoded). `hang`: accept requests and never answer. */
async function receiver(hang = false) {
  const bodies: DevSpan[][] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      bodies.push(decodeOtlpTraces(req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw, String(req.headers['content-type'])));
      if (!hang) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  signalToExitMs: number;
}

/** Spawn a fixture, send `signal` once it logged "ready" (if given), collect everything. */
function run(args: string[], env: Record<string, string>, signal?: NodeJS.Signals): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '', OTEL_SERVICE_NAME: 'fixture-svc', OTEL_BSP_SCHEDULE_DELAY: '30000', ...env },
    });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fixture hung; stdout=${stdout} stderr=${stderr}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (signal && signalledAt === 0 && stdout.includes('"message":"ready"')) {
        signalledAt = Date.now();
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code, sig) => {
      clearTimeout(killer);
      resolve({ code, signal: sig, stdout, stderr, signalToExitMs: signalledAt ? Date.now() - signalledAt : 0 });
    });
  });
}

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('SIGTERM with no app handler: logs and spans are flushed, then the process dies of SIGTERM', async () => {
  const rx = await receiver();
  try {
    const r = await run(['--import', REGISTER, FIXTURES + 'server-app.mjs'], { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url }, 'SIGTERM');
    assert.equal(r.signal, 'SIGTERM', `exit code ${r.code}, stderr: ${r.stderr}`);
    const messages = lines(r.stdout).map((l) => l.message);
    assert.deepEqual(messages, ['inside span', 'line 0', 'line 1', 'line 2', 'ready']);
    assert.equal(rx.bodies.length, 1, 'the batched span was exported by the shutdown, not by the 30 s timer');
    const span = rx.bodies[0]![0]!;
    assert.equal(span.name, 'work');
    const inside = lines(r.stdout)[0];
    assert.equal(inside.trace_id, span.traceId, 'the log line inside the span carries its trace id');
    assert.equal(r.stderr, '');
  } finally {
    await rx.close();
  }
});

test('no collector running: SIGTERM does not wait out the deadline; each exporter says the outage once; the exact losses are on stderr', async () => {
  // a port nothing listens on
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const r = await run(
    ['--import', REGISTER, FIXTURES + 'server-app.mjs'],
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      MERIDIAN_LOG_EXPORTERS: 'console,otlp',
    },
    'SIGTERM',
  );
  assert.equal(r.signal, 'SIGTERM', r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.doesNotMatch(r.stderr, /MERIDIAN_ERR_SHUTDOWN_TIMEOUT/, 'the shutdown ended before its deadline');
  assert.equal(lines.filter((l) => l.includes('MERIDIAN_ERR_DESTINATION_UNREACHABLE') && l.includes('"otlp"')).length, 1, r.stderr);
  assert.equal(lines.filter((l) => l.includes('MERIDIAN_ERR_DESTINATION_UNREACHABLE') && l.includes('"otlp-spans"')).length, 1, r.stderr);
  assert.ok(
    lines.some((l) => /exporter "otlp" lost 5 records in this process, counted by reason \(shutdown: 5\)/.test(l)),
    r.stderr,
  );
  assert.ok(
    lines.some((l) => /exporter "otlp-spans" lost 1 record in this process, counted by reason \(shutdown: 1\)/.test(l)),
    r.stderr,
  );
  assert.equal(lines.filter((l) => l.includes('ECONNREFUSED')).length, 2, 'ECONNREFUSED appears once per exporter, not per retry');
  assert.equal(lines.length, 4, r.stderr);
});

test('exit status through a shell is 143 for SIGTERM and 130 for SIGINT (register imported by package name)', () => {
  for (const [sig, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    const r = spawnSync('/bin/sh', ['-c', '"$0" --import @meridian/node/register test/fixtures/server-app.mjs; echo "status=$?"', process.execPath], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH ?? '', FIXTURE_SELF_SIGNAL: sig, OTEL_TRACES_EXPORTER: 'none' },
    });
    assert.match(r.stdout, /"message":"ready"/);
    assert.match(r.stdout, new RegExp(`status=${status}\\n$`), `${sig}: ${r.stdout} ${r.stderr}`);
  }
});

test('an app with its own SIGTERM handler is not killed by Meridian: the app decides', async () => {
  const r = await run(['--import', REGISTER, FIXTURES + 'server-app.mjs'], { OTEL_TRACES_EXPORTER: 'none', FIXTURE_OWN_HANDLER: '1' }, 'SIGTERM');
  assert.equal(r.signal, null);
  assert.equal(r.code, 7, 'the exit code the app chose');
  const messages = lines(r.stdout).map((l) => l.message);
  assert.deepEqual(messages.slice(-2), ['app handler: draining', 'app handler: still alive']);
});

test('beforeExit: a natural exit flushes logs and spans exactly once', async () => {
  const rx = await receiver();
  try {
    const r = await run([FIXTURES + 'natural-exit-app.mjs'], { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      lines(r.stdout).map((l) => l.message),
      ['held until flush'],
    );
    assert.match(r.stdout, /flushes=1 code=0\n$/, 'one flush, no beforeExit loop');
    assert.equal(rx.bodies.length, 1);
    assert.deepEqual(
      rx.bodies[0]!.map((sp) => sp.name),
      ['natural-exit-span'],
    );
  } finally {
    await rx.close();
  }
});

test('a hung exporter does not delay a SIGTERM exit past MERIDIAN_SHUTDOWN_TIMEOUT_MS', async () => {
  const rx = await receiver(true);
  try {
    const r = await run(
      ['--import', REGISTER, FIXTURES + 'server-app.mjs'],
      { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, MERIDIAN_SHUTDOWN_TIMEOUT_MS: '500' },
      'SIGTERM',
    );
    assert.equal(r.signal, 'SIGTERM');
    assert.ok(r.signalToExitMs >= 400 && r.signalToExitMs < 3000, `exit ${r.signalToExitMs} ms after SIGTERM`);
    assert.equal(rx.bodies.length, 1, 'the export was attempted');
    assert.match(r.stderr, /MERIDIAN_ERR_(SHUTDOWN_TIMEOUT|TRACING_SHUTDOWN)/);
    assert.deepEqual(
      lines(r.stdout)
        .map((l) => l.message)
        .slice(-1),
      ['ready'],
      'logs were still written',
    );
  } finally {
    await rx.close();
  }
});

test('a hung exporter does not keep a naturally ending process alive past the deadline', async () => {
  const rx = await receiver(true);
  try {
    const t0 = Date.now();
    const r = await run([FIXTURES + 'natural-exit-app.mjs'], { OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, MERIDIAN_SHUTDOWN_TIMEOUT_MS: '500' });
    const took = Date.now() - t0;
    assert.equal(r.code, 0);
    assert.ok(took < 4000, `took ${took} ms (the exporter alone would wait 10 s, the batch processor 30 s)`);
    assert.deepEqual(
      lines(r.stdout).map((l) => l.message),
      ['held until flush'],
    );
  } finally {
    await rx.close();
  }
});

test('without register, importing @meridian/node gives a working logger and no tracing', async () => {
  const r = await run([FIXTURES + 'no-register-app.mjs'], {});
  assert.equal(r.code, 0, r.stderr);
  const [line] = lines(r.stdout);
  assert.equal(line.message, 'logged without register');
  assert.equal(line.recording, false);
  assert.equal(line.trace_id, undefined);
  assert.equal(line.service, 'fixture-svc');
});

test('SIGTERM: log lines still held by a destination are flushed before the process dies', async () => {
  const r = await run([FIXTURES + 'natural-exit-app.mjs'], { OTEL_TRACES_EXPORTER: 'none', FIXTURE_WAIT_FOR_SIGNAL: '1' }, 'SIGTERM');
  assert.equal(r.signal, 'SIGTERM');
  assert.deepEqual(
    lines(r.stdout).map((l) => l.message),
    ['ready', 'held until flush'],
  );
  assert.doesNotMatch(r.stdout, /flushes=/, "a process killed by a signal runs no 'exit' listeners");
});

test('a second SIGTERM while flushing ends the process at once', async () => {
  const rx = await receiver(true);
  try {
    const child = spawn(process.execPath, ['--import', REGISTER, FIXTURES + 'server-app.mjs'], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '', OTEL_EXPORTER_OTLP_ENDPOINT: rx.url, MERIDIAN_SHUTDOWN_TIMEOUT_MS: '10000' },
    });
    let out = '';
    const t0 = await new Promise<number>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"message":"ready"')) {
          child.kill('SIGTERM');
          setTimeout(() => {
            child.kill('SIGTERM');
            resolve(Date.now());
          }, 300);
        }
      });
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_c, s) => resolve(s)));
    const took = Date.now() - t0;
    assert.equal(signal, 'SIGTERM');
    assert.ok(took < 2000, `exited ${took} ms after the second SIGTERM (deadline was 10 s)`);
  } finally {
    await rx.close();
  }
});
