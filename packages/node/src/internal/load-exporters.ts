/**
 * The one place where exporter names become package names. `@meridian/node/register` awaits this
 * before the application runs, so every transport has its exporter from the first record; the core
 * logger never looks a package up. A package that cannot be loaded is registered as refusing: its
 * records go to the spool (MERIDIAN_SPOOL_DIR) or are dropped and counted, with one diagnostic.
 */
import { getConfig, MeridianError, type MeridianConfig } from '@meridian/config';
import { ERR_EXPORTER_UNAVAILABLE, registerExporter, registeredExporters } from '@meridian/transport';

/** MERIDIAN_LOG_EXPORTERS names and the packages that register them. */
export const EXPORTER_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  cloudwatch: '@meridian/exporter-cloudwatch',
  logstash: '@meridian/exporter-elk',
  elasticsearch: '@meridian/exporter-elk',
  otlp: '@meridian/exporter-otlp',
});

/** OTEL_TRACES_EXPORTER names served by a package's registered span exporter (otlp and zipkin are built into @meridian/tracing). */
const SPAN_EXPORTER_PACKAGES: Readonly<Record<string, string>> = Object.freeze({
  elasticsearch: '@meridian/exporter-elk',
});

/**
 * Import the exporter packages the configuration selects (MERIDIAN_LOG_EXPORTERS, and
 * OTEL_TRACES_EXPORTER=elasticsearch), so they register themselves. Resolves to the log exporter
 * names registered afterwards. Never rejects.
 * `await loadExporters()` before `startMeridian()` when you start Meridian in code instead of register.
 * `packages`: the package to import for each log exporter name (default `EXPORTER_PACKAGES`).
 */
export async function loadExporters(config: MeridianConfig = getConfig(), packages: Readonly<Record<string, string>> = EXPORTER_PACKAGES): Promise<string[]> {
  const byPackage = new Map<string, string[]>();
  for (const name of config.log.exporters) {
    const pkg = packages[name];
    if (pkg === undefined || registeredExporters().includes(name)) continue;
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), name]);
  }
  const tracesWanted = config.tracing.disabled ? [] : config.tracing.exporters;
  for (const name of tracesWanted) {
    const pkg = SPAN_EXPORTER_PACKAGES[name];
    if (pkg !== undefined && !registeredExporters('spans').includes(name) && !byPackage.has(pkg)) byPackage.set(pkg, []);
  }
  await Promise.all(
    [...byPackage].map(async ([pkg, names]) => {
      try {
        await import(pkg);
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        const refusal = new MeridianError(ERR_EXPORTER_UNAVAILABLE, `${pkg} could not be loaded (${why}); accepted: npm install ${pkg} next to @meridian/node`);
        for (const name of names)
          registerExporter(name, () => {
            throw refusal;
          });
      }
    }),
  );
  return registeredExporters();
}
