// Overhead of the `logger` facade exported by @meridian/node over calling the default logger directly.
// Run: npx tsc -b packages/node && node packages/node/dist/bench/logger-facade.bench.js
import { createLogger, getDefaultLogger, setDefaultLogger, type Destination } from '@meridian/logger';
import { logger } from '../src/index.js';

const sink: Destination = { write: () => {}, flush: () => Promise.resolve(), close: () => Promise.resolve() };
setDefaultLogger(createLogger({ destinations: [sink], flushOnExit: false, level: 'info' }));
const direct = getDefaultLogger();

function measure(name: string, n: number, fn: () => void): void {
  for (let i = 0; i < 20_000; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(`${name.padEnd(40)} ${(Number(process.hrtime.bigint() - start) / n).toFixed(1).padStart(8)} ns/call`);
}

console.log(`node ${process.version}`);
const fields = { orderId: 'o-1', amount: 42 };
measure('direct  .info(msg, fields)', 500_000, () => direct.info('order placed', fields));
measure('facade  .info(msg, fields)', 500_000, () => logger.info('order placed', fields));
measure('direct  .debug() (disabled)', 5_000_000, () => direct.debug('skipped', fields));
measure('facade  .debug() (disabled)', 5_000_000, () => logger.debug('skipped', fields));
