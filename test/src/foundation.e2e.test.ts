// End-to-end: a real service process started with `--import @meridian/node/register`,
// under TZ=Asia/Hong_Kong, driven with 200 concurrent requests over loopback HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const fixture = fileURLToPath(new URL('../fixtures/service.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Line {
  [key: string]: unknown;
  timestamp: string;
  level: string;
  message: string;
}

test('a registered service writes UTC, trace-tagged, context-scoped JSON lines with no cross-talk', { timeout: 60_000 }, async () => {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', '@meridian/node/register', fixture], {
    cwd,
    env: {
      ...process.env,
      TZ: 'Asia/Hong_Kong',
      OTEL_SERVICE_NAME: 'e2e-service',
      OTEL_TRACES_EXPORTER: 'none',
      MERIDIAN_LOG_LEVEL: 'loud',
      MERIDIAN_LOG_FORMAT: 'json',
      MERIDIAN_LOG_FILE: '',
      MERIDIAN_LOG_EXPORTERS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = once(child, 'exit');

  const [message] = (await Promise.race([
    once(child, 'message'),
    exited.then(() => {
      throw new Error(`service exited early:\n${stderr}`);
    }),
  ])) as [{ port: number }];
  const base = `http://127.0.0.1:${message.port}`;

  const N = 200;
  const answers = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const res = await fetch(`${base}/work?id=r${i}`);
      assert.equal(res.status, 200);
      return (await res.json()) as { id: string; traceId: string; spanId: string };
    }),
  );
  child.kill('SIGTERM');
  const [code, signal] = await exited;
  const finished = Date.now();
  assert.equal(signal, null, `service died by ${signal}; stderr:\n${stderr}`);
  assert.equal(code, 0, `exit code; stderr:\n${stderr}`);

  // A bad env value is reported clearly on stderr and the default applies.
  assert.match(
    stderr,
    /MERIDIAN_ERR_CONFIG_INVALID: MERIDIAN_LOG_LEVEL="loud" is not valid; accepted: trace \| debug \| info \| warn \| error \| fatal \| silent; using the default \(info\)/,
  );

  const lines = stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
  for (const line of lines) {
    assert.match(line.timestamp, ISO_UTC, `timestamp ${line.timestamp} is UTC ISO 8601 with ms and Z`);
    const t = Date.parse(line.timestamp);
    assert.ok(t >= started - 1000 && t <= finished + 1000, `timestamp ${line.timestamp} within a second of the real time`);
    assert.equal(line['service'], 'e2e-service');
  }

  // The process really ran in Hong Kong time: its local hour is UTC+8, yet the stamp is UTC.
  const starting = lines.find((l) => l.message === 'service starting');
  assert.ok(starting, 'startup line present');
  assert.equal(starting['local_hour'], ((starting['utc_hour'] as number) + 8) % 24);
  assert.equal(starting['trace_id'], undefined, 'no trace ids outside a span');
  assert.equal(starting['request_id'], undefined, 'no request context outside a request');
  assert.equal(new Date(starting.timestamp).getUTCHours(), starting['utc_hour']);

  // Every request's lines carry exactly its own trace, span and context fields.
  const byId = new Map<string, Line[]>();
  for (const l of lines) {
    if (typeof l['id'] !== 'string') continue;
    const list = byId.get(l['id']) ?? [];
    list.push(l);
    byId.set(l['id'], list);
  }
  assert.equal(byId.size, N, 'every request logged');
  for (const a of answers) {
    const own = byId.get(a.id)!;
    assert.equal(own.length, 2, `two lines for ${a.id}`);
    for (const l of own) {
      assert.equal(l['trace_id'], a.traceId, `${a.id}: trace_id is the active span's`);
      assert.equal(l['span_id'], a.spanId, `${a.id}: span_id is the active span's`);
      assert.equal(l['trace_flags'], '03', 'sampled + random trace id, as the traceparent says (issue 12)');
      assert.equal(l['request_id'], a.id, `${a.id}: request context field, no cross-talk`);
    }
    const done = own.find((l) => l.message === 'request done')!;
    assert.equal(done['user_tier'], `tier-${a.id}`, 'setContextField value visible later in the same request only');
    const circ = done['circular'] as Record<string, unknown>;
    assert.equal(circ['name'], 'loop');
    assert.equal(circ['self'], '[Circular]', 'circular reference logged without error');
  }
  assert.equal(new Set(answers.map((a) => a.traceId)).size, N, 'one trace per request');
  assert.ok(
    lines.some((l) => l.message === 'stopping'),
    'lines written during SIGTERM handling are flushed before exit',
  );
});
