import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectDiagnostics, loadConfig } from '@meridian/config';
import { createLogger, getDefaultLogger, type Destination, type LogEntry } from '@meridian/logger';
import { getMeridian, logger, shutdown, startMeridian } from '../src/index.js';

class Held implements Destination {
  held: string[] = [];
  out: string[] = [];
  flushes = 0;
  write(e: LogEntry): void {
    this.held.push(e.line);
  }
  flush(): Promise<void> {
    this.flushes++;
    this.out.push(...this.held.splice(0));
    return Promise.resolve();
  }
  close(): Promise<void> {
    return this.flush();
  }
}

test('startMeridian installs the default logger behind `logger`, is idempotent, and shutdown flushes once', async () => {
  const dest = new Held();
  const own = createLogger({ destinations: [dest], flushOnExit: false, service: 'unit' });
  const m = startMeridian({ config: loadConfig({ OTEL_TRACES_EXPORTER: 'none' }), logger: own, handleProcessEvents: false });
  assert.equal(startMeridian(), m, 'a second call returns the running setup');
  const d = collectDiagnostics();
  assert.equal(startMeridian({ shutdownTimeoutMs: 1 }), m, 'options on a later call are ignored');
  d.stop();
  assert.match(d.lines.join('\n'), /MERIDIAN_ERR_ALREADY_STARTED: startMeridian\(\) was called with options after Meridian had started/);
  assert.equal(getMeridian(), m);
  assert.equal(getDefaultLogger(), own);
  assert.equal(m.tracing?.enabled, true);

  logger.info('through the facade', { n: 1 });
  logger.child({ part: 'c' }).warn('from a child');
  assert.equal(logger.isLevelEnabled('debug'), false);
  assert.equal(dest.out.length, 0, 'nothing written before a flush');

  const p1 = shutdown();
  const p2 = shutdown();
  await Promise.all([p1, p2]);
  assert.equal(dest.flushes, 1);
  const records = dest.out.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    records.map((r) => [r.message, r.level, r.service]),
    [
      ['through the facade', 'info', 'unit'],
      ['from a child', 'warn', 'unit'],
    ],
  );
  assert.equal(records[1].part, 'c');
});
