/** Groups spans into traces (first-seen order), each trace's spans sorted by start time. */
import { serviceOf, type DevSpan, type DevTrace } from '../model.js';

export function groupTraces(spans: readonly DevSpan[]): DevTrace[] {
  const byId = new Map<string, DevSpan[]>();
  for (const s of spans) {
    let list = byId.get(s.traceId);
    if (list === undefined) byId.set(s.traceId, (list = []));
    list.push(s);
  }
  const out: DevTrace[] = [];
  for (const [traceId, list] of byId) out.push(makeTrace(traceId, list));
  return out;
}

export function makeTrace(traceId: string, spans: readonly DevSpan[]): DevTrace {
  const sorted = spans.slice().sort(byStart);
  let start = -1n;
  let end = 0n;
  const services: string[] = [];
  for (const s of sorted) {
    const st = BigInt(s.startTimeUnixNano);
    const en = BigInt(s.endTimeUnixNano);
    if (start < 0n || st < start) start = st;
    if (en > end) end = en;
    const svc = serviceOf(s.resource);
    if (!services.includes(svc)) services.push(svc);
  }
  if (start < 0n) start = 0n;
  if (end < start) end = start;
  return {
    traceId,
    spans: sorted,
    services,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    durationMs: Number(end - start) / 1e6,
  };
}

function byStart(a: DevSpan, b: DevSpan): number {
  const x = BigInt(a.startTimeUnixNano);
  const y = BigInt(b.startTimeUnixNano);
  return x < y ? -1 : x > y ? 1 : 0;
}
