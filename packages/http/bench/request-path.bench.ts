/**
 * Cost of @meridian/http's server request path without a network: `begin()` → `run()` → response
 * `close`, on real IncomingMessage/ServerResponse objects (no socket I/O), 100,000 requests after a
 * 20,000-request warm-up, the event loop turning every 100 requests (the file destination writes as in a
 * server). Cases: no tracer provider; the SDK recording spans (exporter `none`); plus
 * the access-log line written to a file destination on /dev/null.
 *   npx tsc -b packages/http && node packages/http/dist/bench/request-path.bench.js
 * Each case runs in its own process (the global tracer provider differs).
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createFileDestination, createLogger } from '@meridian/logger';
import { startTracing } from '@meridian/tracing';
import { HttpServerInstrumentation } from '../src/index.js';

const CASES = ['no tracer', 'no tracer + access log', 'spans', 'spans + access log'] as const;
const WARMUP = 20_000;
const N = 100_000;

/** Requests between two turns of the event loop (so the file destination writes, as it does in a server). */
const CHUNK = 100;

async function measure(name: (typeof CASES)[number]): Promise<{ us: number; cpuUs: number }> {
  if (!name.startsWith('no tracer')) startTracing({ exporter: 'none', serviceName: 'bench' });
  const logger = createLogger({ destinations: [createFileDestination({ path: '/dev/null' })], flushOnExit: false });
  const instrumentation = new HttpServerInstrumentation({ logger, accessLog: name.endsWith('access log') });
  const socket = new net.Socket();
  const noop = (): void => {};
  const one = (): void => {
    const req = new http.IncomingMessage(socket);
    req.method = 'GET';
    req.url = '/hello/world?x=1';
    req.httpVersion = '1.1';
    req.headers = { host: '127.0.0.1:3000', 'user-agent': 'bench', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const res = new http.ServerResponse(req);
    instrumentation.run(instrumentation.begin(req, res, '/hello/:name'), noop);
    res.emit('close');
  };
  const many = async (n: number): Promise<void> => {
    for (let done = 0; done < n; done += CHUNK) {
      for (let i = 0; i < CHUNK; i++) one();
      await new Promise((r) => setImmediate(r));
    }
  };
  await many(WARMUP);
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  await many(N);
  await logger.flush();
  const cpu = process.cpuUsage(cpu0);
  return { us: Number(process.hrtime.bigint() - start) / N / 1000, cpuUs: (cpu.user + cpu.system) / N };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === '--case') {
  const r = await measure(process.argv[3] as (typeof CASES)[number]);
  process.stdout.write(`${r.us.toFixed(2)} | ${r.cpuUs.toFixed(2)}`);
  process.exit(0);
} else {
  console.log(`node ${process.version}, ${N} requests per case\n`);
  console.log('| case | µs per request (wall) | CPU µs per request |');
  console.log('|---|---:|---:|');
  for (const name of CASES) {
    const r = spawnSync(process.execPath, [self, '--case', name], { encoding: 'utf8' });
    console.log(`| ${name} | ${r.stdout.trim() || r.stderr.trim()} |`);
  }
}
