/**
 * The exporter registry: how a name in MERIDIAN_LOG_EXPORTERS becomes a transport without the core
 * logger ever looking a package up. An exporter package registers its factory when it is imported
 * (`import '@meridian/exporter-cloudwatch'`; `@meridian/node/register` imports the ones the
 * environment names before the application runs). `createTransportFor(name)` returns a transport at
 * once — queue, bounds, spool and counters work from the first record — and attaches the exporter
 * now if its factory is registered, or as soon as it is.
 */
import { diagnose, ERR_CONFIG_INVALID, getConfig, type MeridianConfig } from '@meridian/config';
import type { TransportOptions } from './options.js';
import { createTransport, type Transport } from './transport.js';
import type { Exporter, QueueEntry } from './types.js';

/** Builds an exporter from the resolved configuration. May throw a MeridianError (a guard refused it). */
export type ExporterFactory = (config: MeridianConfig) => Exporter;

/** Which pipeline an exporter serves: log records, or spans (OTEL_TRACES_EXPORTER). */
export type Signal = 'logs' | 'spans';

/**
 * An exporter of items other than log lines (spans): it also turns one finished item into its queue
 * entry (its own per-item encoding), at the moment the item is written to the transport.
 */
export interface ItemExporter<I = unknown, E extends QueueEntry = QueueEntry> extends Exporter<E> {
  toEntry(item: I): E;
  /**
   * Optional: told when an item begins (a span's start) with its local parent, if any, for an
   * encoding that needs what only the start knows — the Elasticsearch exporter's `transaction.id`
   * of a span is its local root's id. Must not throw; called on the application's thread.
   */
  onStart?(item: I, parent: I | undefined): void;
}

/** Builds a span exporter from the resolved configuration (what `registerExporter(name, factory, 'spans')` takes). */
export type ItemExporterFactory = (config: MeridianConfig) => ItemExporter;

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const factories = new Map<string, ExporterFactory>();
const itemFactories = new Map<string, ItemExporterFactory>();
/** Transports created before their exporter was registered, by name (weakly: a dropped logger is not kept). */
const waiting = new Map<string, Set<Waiter>>();

interface Waiter {
  readonly transport: WeakRef<Transport>;
  readonly config: MeridianConfig;
}

/**
 * Register (or replace) the factory for `name`. Transports already waiting for that name get their
 * exporter now. Exporter packages call this when imported; call it yourself for an exporter of your own.
 * `signal: 'spans'` registers a span exporter (an `ItemExporter`) for OTEL_TRACES_EXPORTER instead.
 */
export function registerExporter(name: string, factory: ExporterFactory): void;
export function registerExporter(name: string, factory: ItemExporterFactory, signal: 'spans'): void;
export function registerExporter(name: string, factory: ExporterFactory | ItemExporterFactory, signal: Signal = 'logs'): void {
  if (typeof name !== 'string' || !NAME.test(name) || typeof factory !== 'function') {
    diagnose(
      ERR_CONFIG_INVALID,
      `registerExporter(${JSON.stringify(String(name))}) was given an invalid name or factory; accepted: a lowercase name of [a-z0-9_-] and a function (config) => Exporter; not registered`,
    );
    return;
  }
  if (signal === 'spans') {
    itemFactories.set(name, factory as ItemExporterFactory);
    return;
  }
  factories.set(name, factory as ExporterFactory);
  const list = waiting.get(name);
  if (list === undefined) return;
  waiting.delete(name);
  for (const w of list) {
    const transport = w.transport.deref();
    if (transport !== undefined) build(transport, factory, w.config);
  }
}

/** The names registered so far for `signal` (default logs). */
export function registeredExporters(signal: Signal = 'logs'): string[] {
  return [...(signal === 'spans' ? itemFactories : factories).keys()].sort();
}

/** The span exporter factory registered as `name`, if any (the tracing package builds its transport itself). */
export function spanExporterFactory(name: string): ItemExporterFactory | undefined {
  return itemFactories.get(name);
}

export interface TransportForOptions extends Omit<TransportOptions, 'exporter' | 'name' | 'config'> {
  /** Resolved configuration the exporter and the transport are built from; default `getConfig()`. */
  config?: MeridianConfig;
}

/**
 * A transport for the exporter registered as `name`, built synchronously. If no factory is registered
 * yet, the transport queues (within its bounds, spilling to the spool when one is set) until one is,
 * and says so once on stderr when a batch falls due, at flush/close, or at exit.
 */
export function createTransportFor(name: string, options: TransportForOptions = {}): Transport {
  const config = options.config ?? getConfig();
  const transport = createTransport({ ...options, config, name });
  const factory = factories.get(name);
  if (factory !== undefined) {
    build(transport, factory, config);
  } else {
    let list = waiting.get(name);
    if (list === undefined) waiting.set(name, (list = new Set()));
    list.add({ transport: new WeakRef(transport), config });
  }
  return transport;
}

function build(transport: Transport, factory: ExporterFactory, config: MeridianConfig): void {
  let exporter: Exporter;
  try {
    exporter = factory(config);
  } catch (e) {
    transport.refuse(e);
    return;
  }
  transport.attach(exporter);
}
