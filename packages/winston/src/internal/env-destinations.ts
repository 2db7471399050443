/**
 * The destinations `createLogger()` would build from MERIDIAN_LOG_EXPORTERS, built here with the
 * logger's public factories so the transport can hand the same array to its logger and close it.
 * Network exporters (CloudWatch, ELK, OTLP) are passed in code: `destinations: [createTransport({ exporter })]`.
 */
import { getConfig } from '@meridian/config';
import { createFileDestination, createStdoutDestination, type Destination } from '@meridian/logger';

export function destinationsFromEnv(): Destination[] {
  const log = getConfig().log;
  const out: Destination[] = [];
  if (log.exporters.includes('console')) out.push(createStdoutDestination({ format: log.format }));
  if (log.exporters.includes('file') && log.file !== undefined) {
    out.push(createFileDestination({
      path: log.file,
      rotate: { interval: log.fileRotate.interval, maxBytes: log.fileRotate.maxBytes },
      keep: log.fileKeep,
      compress: log.fileCompress,
    }));
  }
  return out;
}
