// End-to-end: createLogger() with no options picks the network exporters from MERIDIAN_LOG_EXPORTERS,
// and `await logger.close()` resolves only once they have delivered. Real process, real OTLP/HTTP
// collector (@meridian/devtools) on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startDevCollector } from '@meridian/devtools';

const app = fileURLToPath(new URL('../fixtures/exporters-app.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

async function run(
  env: Record<string, string>,
): Promise<{ message: { closed: boolean; closeMs: number } | undefined; stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [app], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stdout = '';
  let stderr = '';
  let message: { closed: boolean; closeMs: number } | undefined;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.on('message', (m) => {
    message = m as typeof message;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { message, stdout, stderr, code };
}

test('MERIDIAN_LOG_EXPORTERS=console,otlp: every record reaches the collector before close() resolves, redacted', { timeout: 60_000 }, async () => {
  const collector = await startDevCollector({ port: 0 });
  try {
    let atClose = -1;
    const r = await run({
      MERIDIAN_LOG_EXPORTERS: 'console,otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'exporters-e2e',
      MERIDIAN_BATCH_DELAY_MS: '5000',
      RECORDS: '500',
    });
    atClose = collector.logs().length;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.message?.closed, 'the app reported close()');
    assert.equal(atClose, 501, 'all 501 records were at the collector when close() resolved (batch delay 5 s did not hold them back)');
    const logs = collector.logs();
    const bodies = logs.map((l) => String(l.body));
    assert.equal(bodies.filter((b) => b.includes('ana@example.com')).length, 0, 'e-mails masked before leaving the process');
    assert.equal(bodies.filter((b) => b.includes('[REDACTED:email]')).length, 500);
    assert.ok(logs.every((l) => l.resource['service.name'] === 'exporters-e2e'));
    assert.ok(
      logs.every((l) => !JSON.stringify(l.attributes).includes('4111')),
      'card field masked',
    );
    const error = logs.find((l) => l.severityText === 'error' || l.severityNumber === 17);
    assert.ok(error, 'the error record is there with its severity');
    assert.equal(r.stdout.trim().split('\n').length, 501, 'console got the same records');
  } finally {
    await collector.close();
  }
});

test('an exporter refused by the residency guard is reported on stderr; the others keep working', { timeout: 60_000 }, async () => {
  const collector = await startDevCollector({ port: 0 });
  try {
    const r = await run({
      MERIDIAN_LOG_EXPORTERS: 'console,otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      MERIDIAN_ALLOWED_REGIONS: 'eu-*',
      MERIDIAN_OTLP_REGION: 'us-east-1',
      RECORDS: '10',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /MERIDIAN_ERR_REGION_NOT_ALLOWED: exporter "otlp" did not start: .*us-east-1 is outside MERIDIAN_ALLOWED_REGIONS \(eu-\*\).*; its records are dropped and counted \(refused\)/,
    );
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('MERIDIAN_ERR_')).length, 2, 'one line for the refusal, one exact count at close');
    assert.match(
      r.stderr,
      /MERIDIAN_ERR_RECORDS_DROPPED: exporter "otlp" lost 11 records in this process, counted by reason \(refused: 11\), reported at close/,
    );
    assert.equal(collector.logs().length, 0, 'nothing shipped to the refused region');
    assert.equal(r.stdout.trim().split('\n').length, 11, 'console unaffected');
  } finally {
    await collector.close();
  }
});
