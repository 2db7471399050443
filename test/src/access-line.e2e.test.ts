// End-to-end: a service behind @meridian/http ships its spans and logs over OTLP to one collector
// (@meridian/devtools on 127.0.0.1). The access record must carry the HTTP semantic-convention
// attributes of its SERVER span, under the same names and with the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startDevCollector } from '@meridian/devtools';

const app = fileURLToPath(new URL('../fixtures/access-app.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const JOINED = ['http.request.method', 'url.path', 'http.route', 'http.response.status_code', 'server.address', 'user_agent.original', 'client.address'];

test('the access record over OTLP carries the semantic-convention attributes of its server span', { timeout: 60_000 }, async () => {
  const collector = await startDevCollector({ port: 0 });
  try {
    const child = spawn(process.execPath, ['--import', '@meridian/node/register', app], {
      cwd,
      env: {
        ...process.env,
        OTEL_SERVICE_NAME: 'access-e2e',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_TRACES_EXPORTER: 'otlp',
        MERIDIAN_LOG_EXPORTERS: 'otlp',
        MERIDIAN_LOG_FILE: '',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
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
    const res = await fetch(`http://127.0.0.1:${message.port}/products/42?ref=mail`, { headers: { 'user-agent': 'e2e-agent/1.0' } });
    assert.equal(await res.text(), 'ok');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, stderr);

    const span = collector.spans().find((s) => s.kind === 2);
    assert.ok(span, 'the SERVER span arrived');
    const access = collector.logs().find((l) => l.body === 'GET /products/42 200');
    assert.ok(access, `the access record arrived: ${JSON.stringify(collector.logs().map((l) => l.body))}`);
    assert.equal(access.traceId, span.traceId);
    assert.equal(access.spanId, span.spanId);
    for (const name of JOINED) {
      if (name === 'http.route') continue; // plain node:http knows no route template: neither carries one
      assert.notEqual(span.attributes[name], undefined, `the span has ${name}`);
      assert.equal(access.attributes[name], span.attributes[name], name);
    }
    assert.equal(access.attributes['http.route'], span.attributes['http.route']);
    assert.equal(access.attributes['user_agent.original'], 'e2e-agent/1.0');
    assert.equal(access.attributes['url.path'], '/products/42');
    assert.equal(access.attributes.method, undefined, "not also under the line's own name");
  } finally {
    await collector.close();
  }
});
