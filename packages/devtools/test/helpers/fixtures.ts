/** A fabricated two-service trace with logs, for the view tests. */
import { groupTraces, type DevLogRecord, type DevSpan, type DevTrace } from '../../src/index.js';

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const BASE = 1_795_237_833_000_000_000n; // 2026-11-21T05:10:33.000Z

const resources = {
  frontend: { 'service.name': 'frontend' },
  orders: { 'service.name': 'orders' },
};

function span(
  id: string,
  parent: string | undefined,
  service: keyof typeof resources,
  name: string,
  kind: number,
  startMs: number,
  endMs: number,
  status: { code: number; message: string } = { code: 0, message: '' },
): DevSpan {
  const start = BASE + BigInt(startMs) * 1_000_000n;
  const end = BASE + BigInt(endMs) * 1_000_000n;
  const s: DevSpan = {
    traceId: TRACE_ID,
    spanId: id,
    traceState: '',
    flags: 1,
    name,
    kind,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    durationMs: endMs - startMs,
    attributes: {},
    events: [],
    links: [],
    status,
    resource: resources[service],
    scope: { name: 'fixture', version: '' },
  };
  if (parent !== undefined) s.parentSpanId = parent;
  return s;
}

export function log(
  spanId: string | undefined,
  atMs: number,
  level: string,
  severity: number,
  message: string,
  attributes: Record<string, string | number> = {},
  traceId: string = TRACE_ID,
): DevLogRecord {
  const rec: DevLogRecord = {
    timeUnixNano: (BASE + BigInt(atMs) * 1_000_000n).toString(),
    observedTimeUnixNano: '0',
    severityNumber: severity,
    severityText: level,
    body: message,
    attributes,
    eventName: '',
    traceId,
    resource: resources.orders,
    scope: { name: 'fixture', version: '' },
  };
  if (spanId !== undefined) rec.spanId = spanId;
  return rec;
}

/** Spans deliberately out of order: the views must sort them. */
export function fixtureTrace(): DevTrace {
  const spans = [
    span('000000000000000e', '000000000000000b', 'orders', 'publish order.created', 4, 50, 60, { code: 2, message: 'broker down' }),
    span('000000000000000a', undefined, 'frontend', 'GET /checkout', 2, 0, 120),
    span('000000000000000f', '000000000000000a', 'frontend', 'render', 1, 100, 118),
    span('000000000000000b', '000000000000000c', 'orders', 'POST /api/orders', 2, 15, 95),
    span('000000000000000c', '000000000000000a', 'frontend', 'POST /api/orders', 3, 10, 100),
    span('000000000000000d', '000000000000000b', 'orders', 'INSERT orders', 3, 20, 40),
  ];
  const [trace] = groupTraces(spans);
  return trace;
}

export function fixtureLogs(): DevLogRecord[] {
  return [
    log('000000000000000e', 59, 'ERROR', 17, 'publish failed', { topic: 'orders', attempt: 3 }),
    log('000000000000000b', 16, 'INFO', 9, 'creating order', { customer: 'c-42', items: 3, total: 99.5, currency: 'EUR' }),
    log('000000000000000d', 39, 'DEBUG', 5, 'row inserted', { id: 7 }),
    log('0000000000000099', 70, 'WARN', 13, 'from a span never received'),
    log('000000000000000a', 5, 'INFO', 9, 'other trace, same span id', {}, 'ffffffffffffffffffffffffffffffff'),
  ];
}
