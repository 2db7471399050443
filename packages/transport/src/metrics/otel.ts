import { type BatchObservableResult, metrics, type Meter, type MeterProvider } from '@opentelemetry/api';
import { DROP_REASONS } from '../internal/stats.js';
import type { StatsSource } from './registry.js';

/**
 * Publish a transport's counters as OpenTelemetry observable instruments on `meterProvider`
 * (default: the global one — register it before creating the transport: the API's global
 * meter provider is not a proxy). Removed when the transport closes.
 */
export function registerOtelMetrics(source: StatsSource, meterProvider: MeterProvider = metrics.getMeterProvider()): void {
  const meter: Meter = meterProvider.getMeter('@meridian/transport');
  const attrs = { exporter: source.name };
  const counter = (name: string, description: string, unit = '{record}') => meter.createObservableCounter(name, { description, unit });
  const gauge = (name: string, description: string, unit: string) => meter.createObservableGauge(name, { description, unit });
  const enqueued = counter('meridian.transport.records.enqueued', 'Records handed to the transport');
  const sent = counter('meridian.transport.records.sent', 'Records acknowledged by the destination');
  const retried = counter('meridian.transport.records.retried', 'Record sends that were retries');
  const spooled = counter('meridian.transport.records.spooled', 'Records written to the disk spool');
  const dropped = counter('meridian.transport.records.dropped', 'Records dropped, by reason');
  const qRecords = gauge('meridian.transport.queue.records', 'Records held in memory', '{record}');
  const qBytes = gauge('meridian.transport.queue.bytes', 'Bytes of log lines held in memory', 'By');
  const spoolBytes = gauge('meridian.transport.spool.bytes', 'Bytes in the disk spool', 'By');
  const lastError = gauge('meridian.transport.last_error.time', 'When the last export error happened, epoch seconds (0: never)', 's');
  const duration = meter.createHistogram('meridian.transport.export.duration', { description: 'Time to encode, compress and send one batch', unit: 's' });
  source.onExported((ms) => duration.record(ms / 1000, attrs));
  const batches = counter('meridian.transport.export.batches', 'Batches exported, by result', '{batch}');
  const observables = [enqueued, sent, retried, spooled, dropped, qRecords, qBytes, spoolBytes, lastError, batches];
  const callback = (r: BatchObservableResult): void => {
    const s = source.getStats();
    r.observe(enqueued, s.enqueued, attrs);
    r.observe(sent, s.sent, attrs);
    r.observe(retried, s.retried, attrs);
    r.observe(spooled, s.spooled, attrs);
    for (const reason of DROP_REASONS) r.observe(dropped, s.dropped[reason], { ...attrs, reason });
    r.observe(qRecords, s.queueRecords, attrs);
    r.observe(qBytes, s.queueBytes, attrs);
    r.observe(spoolBytes, s.spoolBytes, attrs);
    r.observe(lastError, s.lastError ? s.lastError.time / 1000 : 0, attrs);
    r.observe(batches, s.batchesSent, { ...attrs, result: 'ok' });
    r.observe(batches, s.batchesFailed, { ...attrs, result: 'error' });
  };
  meter.addBatchObservableCallback(callback, observables);
  source.onClosed(() => meter.removeBatchObservableCallback(callback, observables));
}
