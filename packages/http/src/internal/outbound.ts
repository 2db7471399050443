import { getConfig, type MeridianConfig } from '@meridian/config';
import { outboundCounters, settings } from './client-span.js';
import { installHttpClient, uninstallHttpClient, type HttpClientMode } from './outbound-http.js';
import { subscribeUndici, unsubscribeUndici } from './outbound-undici.js';

export interface OutboundOptions {
  /** Resolved configuration the defaults come from; default `getConfig()`. */
  config?: MeridianConfig;
  /** Instrument at all (default: `getConfig().http.outbound`, env MERIDIAN_HTTP_OUTBOUND, default true). */
  enabled?: boolean;
  /** Global `fetch` / undici (default true). */
  fetch?: boolean;
  /** node:http and node:https clients (default true). */
  http?: boolean;
  /**
   * URL prefixes left alone (no span, no header). Default: the configured OTLP traces URL, so the
   * exporter never traces itself (it also runs under `suppressTracing`, which is always honoured).
   */
  excludeUrls?: readonly string[];
  /** Instrumentation scope name of the CLIENT spans (default `@meridian/http`). */
  tracerName?: string;
}

/** What `instrumentOutbound()` installed: `false` = not instrumented. */
export interface OutboundState {
  fetch: 'diagnostics_channel' | false;
  http: HttpClientMode | false;
}

const OFF: OutboundState = Object.freeze({ fetch: false, http: false }) as OutboundState;
let state: OutboundState = OFF;

/**
 * Instrument outbound HTTP: CLIENT spans plus `traceparent`/`tracestate`/`baggage` injected through the
 * global propagator. Idempotent (a second call returns the current state); never throws.
 */
export function instrumentOutbound(options: OutboundOptions = {}): OutboundState {
  if (state !== OFF) return state;
  const config = options.config ?? getConfig();
  const enabled = options.enabled ?? config.http.outbound;
  if (!enabled) return state;
  settings.tracerName = options.tracerName ?? '@meridian/http';
  settings.excludePrefixes = (options.excludeUrls ?? [config.tracing.otlp.url]).filter((u) => u !== '');
  const next: OutboundState = { fetch: false, http: false };
  try {
    if (options.fetch ?? true) {
      subscribeUndici();
      next.fetch = 'diagnostics_channel';
    }
    if (options.http ?? true) next.http = installHttpClient();
  } catch {
    outboundCounters.internalErrors++;
  }
  state = Object.freeze(next);
  return state;
}

/** Undo `instrumentOutbound()` (tests): unsubscribe and restore any patched function. */
export function uninstrumentOutbound(): void {
  if (state === OFF) return;
  if (state.fetch !== false) unsubscribeUndici();
  if (state.http !== false) uninstallHttpClient();
  state = OFF;
}

export function outboundState(): OutboundState {
  return state;
}

/** Counters: spans started, requests skipped, failed injections, internal errors caught. */
export function outboundStats(): { spans: number; skipped: number; injectFailures: number; internalErrors: number } {
  return { ...outboundCounters };
}
