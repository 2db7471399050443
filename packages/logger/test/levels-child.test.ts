import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../src/index.js';
import { capture } from './helpers.js';

test('a disabled level builds nothing: its fields are never read, nothing reaches the destination', () => {
  const dest = capture();
  let clockReads = 0;
  const log = createLogger({
    destinations: [dest],
    level: 'warn',
    timeNow: () => {
      clockReads++;
      return 0;
    },
  });
  let reads = 0;
  const fields = {
    get expensive(): string {
      reads++;
      throw new Error('must not be read');
    },
  };
  log.trace('t', fields);
  log.debug('d', fields);
  log.info('i', fields);
  assert.equal(reads, 0);
  assert.equal(clockReads, 0);
  assert.equal(dest.entries.length, 0);
  log.warn('w', fields);
  assert.equal(reads, 1);
  assert.equal(dest.records()[0].expensive, '[Thrown: Error: must not be read]');
});

test('disabled level methods are one shared no-op; enabling re-binds them', () => {
  const a = createLogger({ destinations: [capture()], level: 'error' });
  const b = createLogger({ destinations: [capture()], level: 'fatal' });
  assert.equal(a.debug, b.debug);
  assert.equal(a.info, a.warn);
  assert.notEqual(a.error, a.warn);
  const dest = capture();
  const log = createLogger({ destinations: [dest], level: 'error' });
  log.info('dropped');
  log.level = 'debug';
  assert.equal(log.level, 'debug');
  log.info('kept');
  log.debug('kept too');
  log.trace('dropped');
  log.level = 'silent';
  log.fatal('dropped');
  assert.deepEqual(
    dest.records().map((r) => r.message),
    ['kept', 'kept too'],
  );
  log.level = 'nonsense' as never;
  assert.equal(log.level, 'silent');
});

test('isLevelEnabled follows the level', () => {
  const log = createLogger({ destinations: [capture()], level: 'info' });
  assert.equal(log.isLevelEnabled('debug'), false);
  assert.equal(log.isLevelEnabled('info'), true);
  assert.equal(log.isLevelEnabled('fatal'), true);
  log.level = 'silent';
  assert.equal(log.isLevelEnabled('fatal'), false);
  assert.equal(log.isLevelEnabled('bogus' as never), false);
});

test('child bindings are serialised once at child() time, not per call', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  let reads = 0;
  const bindings = {
    get requestId(): string {
      reads++;
      return 'r-1';
    },
  };
  const child = log.child(bindings);
  assert.equal(reads, 1);
  for (let i = 0; i < 10; i++) child.info('x', { i });
  assert.equal(reads, 1);
  assert.deepEqual(
    dest.records().map((r) => r.requestId),
    Array(10).fill('r-1'),
  );
});

test('children inherit level and bindings, nest, and do not change the parent', () => {
  const dest = capture();
  const root = createLogger({ destinations: [dest], level: 'debug', bindings: { app: 'shop' } });
  const child = root.child({ module: 'cart' });
  const grandchild = child.child({ module: 'cart.items', item: 3 });
  grandchild.debug('gc');
  child.debug('c');
  root.debug('r');
  child.level = 'error';
  child.warn('dropped');
  root.warn('root still warns');
  const recs = dest.records();
  assert.deepEqual(recs[0], { ...recs[0], app: 'shop', module: 'cart.items', item: 3 });
  assert.equal(recs[1].module, 'cart');
  assert.equal(recs[1].item, undefined);
  assert.equal(recs[2].module, undefined);
  assert.equal(recs[2].app, 'shop');
  assert.deepEqual(
    recs.map((r) => r.message),
    ['gc', 'c', 'r', 'root still warns'],
  );
  // a grandchild's key replaces the child's: one `module` key
  assert.equal(dest.lines()[0].split('"module"').length, 2);
});

test('the fields option is an alias of bindings', () => {
  const dest = capture();
  createLogger({ destinations: [dest], fields: { region: 'eu' } }).info('x');
  assert.equal(dest.records()[0].region, 'eu');
});
