import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, getDefaultLogger, setDefaultLogger, type Destination, type LogEntry } from '../src/index.js';
import { capture, fixedNow, FIXED_ISO } from './helpers.js';

test('flush() flushes every destination; close() closes each once, however often it is called', async () => {
  const a = capture();
  const b = capture();
  const log = createLogger({ destinations: [a, b] });
  const child = log.child({ c: 1 });
  log.info('x');
  await log.flush();
  assert.equal(a.flushes, 1);
  assert.equal(b.flushes, 1);
  await Promise.all([log.close(), log.close(), child.close()]);
  await log.close();
  assert.equal(a.closes, 1);
  assert.equal(b.closes, 1);
  log.info('after close');
  child.error('after close');
  assert.equal(a.entries.length, 1);
  await log.flush();
});

test('a destination that throws or rejects does not reach the caller or the other destinations', async () => {
  const good = capture();
  const bad: Destination = {
    write(): void {
      throw new Error('write exploded');
    },
    flush: () => Promise.reject(new Error('flush rejected')),
    close: () => Promise.reject(new Error('close rejected')),
  };
  const log = createLogger({ destinations: [bad, good] });
  log.info('still delivered');
  assert.equal(good.records()[0].message, 'still delivered');
  await log.flush();
  await log.close();
  assert.equal(good.closes, 1);
});

test('an internal failure never throws into the caller: a minimal fallback record says what failed', () => {
  const dest = capture();
  const throwingHook = {
    redactString(): string {
      throw new TypeError('hook exploded');
    },
    isSensitiveKey: () => false,
  };
  const log = createLogger({ destinations: [dest], redaction: throwingHook, service: 'svc', timeNow: fixedNow });
  assert.doesNotThrow(() => log.error('secret message', { a: 1 }));
  const line = dest.lines()[0];
  assert.ok(!line.includes('secret message'));
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.equal(rec.timestamp, FIXED_ISO);
  assert.equal(rec.level, 'error');
  assert.equal(rec.service, 'svc');
  assert.equal(rec.message, '[meridian] this log record could not be built and was replaced');
  assert.equal(rec.meridian_error, 'TypeError: hook exploded');
  assert.equal(dest.entries[0].levelValue, 50);
});

test('a clock that throws still gives a record with the real time', () => {
  const dest = capture();
  const log = createLogger({
    destinations: [dest],
    timeNow: () => {
      throw new Error('clock broke');
    },
  });
  assert.doesNotThrow(() => log.info('x'));
  const rec = dest.records()[0];
  assert.equal(rec.meridian_error, 'Error: clock broke');
  assert.ok(Math.abs(Date.parse(rec.timestamp as string) - Date.now()) < 5000);
});

test('a log call from inside a getter (re-entrant) produces two well-formed records', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  const fields = {
    outer: { a: 1 },
    get sneaky(): string {
      log.info('inner', { deep: { x: [1, 2] } });
      return 'value';
    },
    after: { b: 2 },
  };
  log.info('outer', fields);
  const recs = dest.records();
  assert.equal(recs.length, 2);
  assert.deepEqual(recs[0].deep, { x: [1, 2] });
  assert.equal(recs[1].sneaky, 'value');
  assert.deepEqual(recs[1].after, { b: 2 });
});

test('entries carry the call time, level and the line; one entry object is shared by all destinations', () => {
  const seen: LogEntry[] = [];
  const d = (): Destination => ({
    write: (e) => {
      seen.push(e);
    },
    flush: async () => {},
    close: async () => {},
  });
  const log = createLogger({ destinations: [d(), d()], timeNow: fixedNow });
  log.fatal('boom');
  assert.equal(seen.length, 2);
  assert.equal(seen[0], seen[1]);
  assert.equal(seen[0].time, fixedNow());
  assert.equal(seen[0].level, 'fatal');
  assert.equal(seen[0].levelValue, 60);
  assert.ok(!seen[0].line.endsWith('\n'));
});

test('getDefaultLogger() builds one logger lazily; setDefaultLogger() replaces it', () => {
  const first = getDefaultLogger();
  assert.equal(getDefaultLogger(), first);
  const dest = capture();
  const mine = createLogger({ destinations: [dest] });
  assert.equal(setDefaultLogger(mine), first);
  getDefaultLogger().info('via default');
  assert.equal(dest.records()[0].message, 'via default');
});
