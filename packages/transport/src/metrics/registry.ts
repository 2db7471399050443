import type { TransportStats } from '../internal/stats.js';

/** Anything that reports transport stats (a Transport). */
export interface StatsSource {
  readonly name: string;
  getStats(): TransportStats;
  onClosed(fn: () => void): void;
  /** Called after each send with its duration in milliseconds. */
  onExported(fn: (ms: number) => void): void;
}

/** Transports that publish metrics (MERIDIAN_METRICS=on or `metrics: true`), until they close. */
const live = new Set<StatsSource>();

export function publish(source: StatsSource): void {
  live.add(source);
  source.onClosed(() => live.delete(source));
}

export function published(): StatsSource[] {
  return [...live];
}
