/**
 * Side-effect module for `node --import @meridian/node/register app.js`: starts tracing, installs the
 * default logger and the SIGTERM/SIGINT/beforeExit/exit hooks, all from the environment. Never throws.
 */
import { diagnose } from '@meridian/config';
import { ERR_START_FAILED, startMeridian } from './index.js';

try {
  startMeridian();
} catch (e) {
  diagnose(ERR_START_FAILED, `@meridian/node/register could not start (${e instanceof Error ? e.message : String(e)}); the application runs without Meridian`);
}
