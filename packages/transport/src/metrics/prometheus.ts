import type { IncomingMessage, ServerResponse } from 'node:http';
import { DROP_REASONS } from '../internal/stats.js';
import { published, type StatsSource } from './registry.js';

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Prometheus text exposition (format 0.0.4) of the given transports' counters. */
export function renderPrometheus(sources: readonly StatsSource[]): string {
  const out: string[] = [];
  const all = sources.map((s) => s.getStats());
  const metric = (name: string, type: string, help: string, rows: (s: (typeof all)[number]) => [string, number][]): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const s of all) for (const [labels, v] of rows(s)) out.push(`${name}{exporter="${label(s.exporter)}"${labels}} ${v}`);
  };
  metric('meridian_transport_records_enqueued_total', 'counter', 'Records handed to the transport.', (s) => [['', s.enqueued]]);
  metric('meridian_transport_records_sent_total', 'counter', 'Records acknowledged by the destination.', (s) => [['', s.sent]]);
  metric('meridian_transport_records_retried_total', 'counter', 'Record sends that were retries.', (s) => [['', s.retried]]);
  metric('meridian_transport_records_spooled_total', 'counter', 'Records written to the disk spool.', (s) => [['', s.spooled]]);
  metric('meridian_transport_records_replayed_total', 'counter', 'Records read back from the disk spool.', (s) => [['', s.replayed]]);
  metric('meridian_transport_records_dropped_total', 'counter', 'Records dropped, by reason.', (s) =>
    DROP_REASONS.map((r) => [`,reason="${r}"`, s.dropped[r]]),
  );
  metric('meridian_transport_queue_records', 'gauge', 'Records held in memory (queued, retrying, in flight).', (s) => [['', s.queueRecords]]);
  metric('meridian_transport_queue_bytes', 'gauge', 'Bytes of log lines held in memory.', (s) => [['', s.queueBytes]]);
  metric('meridian_transport_spool_bytes', 'gauge', 'Bytes in the disk spool.', (s) => [['', s.spoolBytes]]);
  metric('meridian_transport_last_error_timestamp_seconds', 'gauge', 'When the last export error happened (0: never).', (s) => [
    ['', s.lastError ? s.lastError.time / 1000 : 0],
  ]);
  const h = 'meridian_transport_export_duration_seconds';
  out.push(`# HELP ${h} Time to encode, compress and send one batch.`, `# TYPE ${h} histogram`);
  for (const s of all) {
    const l = `exporter="${label(s.exporter)}"`;
    let cum = 0;
    s.exportLatency.boundsMs.forEach((b, i) => {
      cum += s.exportLatency.counts[i]!;
      out.push(`${h}_bucket{${l},le="${b / 1000}"} ${cum}`);
    });
    out.push(
      `${h}_bucket{${l},le="+Inf"} ${s.exportLatency.count}`,
      `${h}_sum{${l}} ${s.exportLatency.sumMs / 1000}`,
      `${h}_count{${l}} ${s.exportLatency.count}`,
    );
  }
  return out.join('\n') + '\n';
}

/**
 * A Node http handler serving the self-metrics of every transport created with metrics on.
 * Mount it at /metrics (Express: `app.get('/metrics', prometheusHandler)`).
 */
export function prometheusHandler(_req: IncomingMessage, res: ServerResponse): void {
  try {
    const body = renderPrometheus(published());
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(body);
  } catch {
    res.writeHead(500);
    res.end();
  }
}
