/**
 * What every ELK exporter checks before it starts: TLS / plain-text rules and data residency
 * (guards of @meridian/config), and that the PEM files it was given can be read. A refusal is
 * thrown as the MeridianError, so a misconfigured exporter never starts sending.
 */
import { readFileSync } from 'node:fs';
import { checkEndpointSecurity, checkRegion, type ExportGuardsConfig, MeridianError } from '@meridian/config';

export const ERR_TLS_FILE = 'MERIDIAN_ERR_TLS_FILE';

export function applyGuards(exporter: string, url: string, region: string | undefined, guards: ExportGuardsConfig): void {
  const insecure = checkEndpointSecurity(exporter, url, guards);
  if (insecure !== undefined) throw insecure;
  const residency = checkRegion(exporter, region, guards);
  if (residency !== undefined) throw residency;
}

/** PEM contents given directly win; else read `file` (named by `variable` in the error). */
export function readPem(exporter: string, variable: string, direct: string | Buffer | undefined, file: string | undefined): string | Buffer | undefined {
  if (direct !== undefined) return direct;
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new MeridianError(
      ERR_TLS_FILE,
      `${exporter}: cannot read ${variable} file ${JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); accepted: a readable PEM file`,
    );
  }
}
