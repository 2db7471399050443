/**
 * Stand-in for `diagnose()` of @meridian/config, which is not (yet) a dependency of this package:
 * same line format (`meridian: CODE: message`), printed once per distinct line, never throws.
 * TODO(lead): add "@meridian/config": "workspace:*" to packages/context/package.json and replace
 * this file with `export { diagnose } from '@meridian/config'` so a host's diagnostic sink sees it.
 */
const printed = new Set<string>();

export function diagnose(code: string, message: string): void {
  const line = `meridian: ${code}: ${message}`;
  if (printed.has(line)) return;
  printed.add(line);
  try {
    process.stderr.write(line + '\n');
  } catch {
    // stderr closed: nothing sensible left to do
  }
}
