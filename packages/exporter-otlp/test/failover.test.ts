import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@meridian/config';
import { startDevCollector } from '@meridian/devtools';
import { createOtlpLogTransport } from '../src/index.js';
import { startFaultServer } from './helpers/fault-server.js';
import { makeEntry } from './helpers/records.js';

const CONFIG = loadConfig({});
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const seqs = (logs: { attributes: Record<string, unknown> }[]): number[] => logs.map((l) => l.attributes.seq as number).sort((x, y) => x - y);

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('primary down → the secondary receives everything; primary back → traffic returns after the failback interval', async (t) => {
  const [collA, collB] = await Promise.all([startDevCollector(), startDevCollector()]);
  t.after(() => Promise.all([collA.close(), collB.close()]));
  let primaryUp = false;
  const primary = await startFaultServer(collA.url, () => (primaryUp ? { kind: 'forward' } : { kind: 'reset' }));
  const secondary = await startFaultServer(collB.url, () => ({ kind: 'forward' }));
  t.after(() => Promise.all([primary.close(), secondary.close()]));
  const { transport, exporter } = createOtlpLogTransport({
    config: CONFIG,
    endpoints: [`${primary.url}/v1/logs`, `${secondary.url}/v1/logs`],
    failbackIntervalMs: 300,
    transport: { batchDelayMs: 20, backoffBaseMs: 20, backoffMaxMs: 200 },
  });
  t.after(() => transport.close());

  for (let i = 0; i < 1000; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 10_000 });
  assert.deepEqual(seqs(collB.logs()), range(0, 1000));
  assert.equal(collA.logs().length, 0);
  assert.equal(exporter.stats().current, `${secondary.url}/v1/logs`);
  assert.equal(exporter.stats().failovers, 1);
  assert.equal(transport.getStats().droppedTotal, 0);

  primaryUp = true;
  await sleep(400);
  for (let i = 1000; i < 1500; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 10_000 });
  assert.deepEqual(seqs(collA.logs()), range(1000, 1500), 'after the probe, the primary gets the new records');
  assert.equal(collB.logs().length, 1000, 'and the secondary nothing more');
  const s = exporter.stats();
  assert.equal(s.current, `${primary.url}/v1/logs`);
  assert.equal(s.failbacks, 1);
  const probe = primary.seen.find((r) => r.body.length === 0);
  assert.ok(probe !== undefined, 'the primary was probed with an empty export request');
  assert.equal(transport.getStats().sent, 1500);
});

test('503 with a long Retry-After on the primary: the secondary takes the batch at once; the primary is left alone meanwhile', async (t) => {
  const collB = await startDevCollector();
  t.after(() => collB.close());
  const primary = await startFaultServer(undefined, () => ({ kind: 'status', status: 503, headers: { 'retry-after': '30' } }));
  const secondary = await startFaultServer(collB.url, () => ({ kind: 'forward' }));
  t.after(() => Promise.all([primary.close(), secondary.close()]));
  const { transport } = createOtlpLogTransport({
    config: CONFIG,
    endpoints: [`${primary.url}/v1/logs`, `${secondary.url}/v1/logs`],
    failbackIntervalMs: 100,
    transport: { batchDelayMs: 20 },
  });
  t.after(() => transport.close());
  for (let i = 0; i < 100; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 10_000 });
  // the flush deadline (10 s) is shorter than the primary's Retry-After (30 s): everything arriving proves it was not waited out
  assert.deepEqual(seqs(collB.logs()), range(0, 100));
  assert.equal(primary.seen.length, 1, 'the primary was asked once, then left alone');
  await sleep(300);
  for (let i = 100; i < 110; i++) transport.write(makeEntry(i));
  await transport.flush({ timeoutMs: 10_000 });
  assert.equal(primary.seen.length, 1, "no probe before the primary's Retry-After (30 s) passes");
  assert.deepEqual(seqs(collB.logs()), range(0, 110));
});

test('every collector down (refused, reset): records wait, then arrive exactly once when one comes back', async (t) => {
  const collB = await startDevCollector();
  t.after(() => collB.close());
  const refused = await freePort();
  let secondaryUp = false;
  const secondary = await startFaultServer(collB.url, () => (secondaryUp ? { kind: 'forward' } : { kind: 'reset' }));
  t.after(() => secondary.close());
  const { transport, exporter } = createOtlpLogTransport({
    config: CONFIG,
    endpoints: [`http://127.0.0.1:${refused}/v1/logs`, `${secondary.url}/v1/logs`],
    failbackIntervalMs: 60_000,
    transport: { batchDelayMs: 20, backoffBaseMs: 20, backoffMaxMs: 200 },
  });
  t.after(() => transport.close());
  for (let i = 0; i < 300; i++) transport.write(makeEntry(i));
  await sleep(1_000);
  assert.equal(collB.logs().length, 0);
  assert.ok(secondary.seen.length >= 2, 'the secondary was tried repeatedly');
  secondaryUp = true;
  await transport.flush({ timeoutMs: 10_000 });
  assert.deepEqual(seqs(collB.logs()), range(0, 300));
  const stats = transport.getStats();
  assert.equal(stats.sent, 300);
  assert.equal(stats.droppedTotal, 0);
  assert.ok(exporter.stats().endpoints[0]!.failures >= 2);
});
