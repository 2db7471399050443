import { loadConfig, type MeridianConfig } from '@meridian/config';
import { createRedactor, type Redactor, type RedactorOptions } from '../src/index.js';

/** A configuration as if no MERIDIAN_REDACT* variable were set. */
export const DEFAULT_CONFIG: MeridianConfig = loadConfig({});

export function redactor(options: RedactorOptions = {}): Redactor {
  return createRedactor({ config: DEFAULT_CONFIG, ...options });
}
