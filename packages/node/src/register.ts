/**
 * Side-effect module for `node --import @meridian/node/register app.js`: imports the exporter packages
 * MERIDIAN_LOG_EXPORTERS names (top-level await: before the application's first line), then starts
 * tracing, installs the default logger and the SIGTERM/SIGINT/beforeExit/exit hooks, all from the
 * environment. The whole pipeline exists before the first record. Never throws.
 */
import { diagnose } from '@meridian/config';
import { ERR_START_FAILED, loadExporters, startMeridian } from './index.js';

try {
  await loadExporters();
  startMeridian();
} catch (e) {
  diagnose(ERR_START_FAILED, `@meridian/node/register could not start (${e instanceof Error ? e.message : String(e)}); the application runs without Meridian`);
}
