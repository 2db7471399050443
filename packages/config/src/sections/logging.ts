import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, SIZE_ACCEPTED, type Env, parseSize, raw, readBool, readEnum, readInt, readList } from '../internal/parsers.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const LOG_EXPORTERS = ['console', 'file', 'cloudwatch', 'logstash', 'elasticsearch', 'otlp'] as const;
export type LogExporterName = (typeof LOG_EXPORTERS)[number];

export type RotateInterval = 'daily' | 'hourly';

export interface FileRotation {
  /** Start a new file at each UTC day or hour boundary. */
  interval: RotateInterval | undefined;
  /** Start a new file once the current one reaches this many bytes. */
  maxBytes: number | undefined;
}

export interface LoggingConfig {
  level: LogLevelSetting;
  format: LogFormat;
  exporters: LogExporterName[];
  file: string | undefined;
  fileRotate: FileRotation;
  fileKeep: number;
  fileCompress: boolean;
  maxStringLength: number;
  maxDepth: number;
}

export const ROTATE_ACCEPTED = `daily | hourly | ${SIZE_ACCEPTED} | both, comma-separated (e.g. daily,100MB)`;

/** Parse `daily`, `hourly`, a size, or `daily,100MB`. Returns undefined when any part is malformed. */
export function parseRotation(text: string): FileRotation | undefined {
  const out: FileRotation = { interval: undefined, maxBytes: undefined };
  for (const part of text.split(',')) {
    const p = part.trim().toLowerCase();
    if (p === '') continue;
    if (p === 'daily' || p === 'hourly') {
      if (out.interval !== undefined) return undefined;
      out.interval = p;
      continue;
    }
    const size = parseSize(p);
    if (size === undefined || out.maxBytes !== undefined) return undefined;
    out.maxBytes = size;
  }
  return out.interval === undefined && out.maxBytes === undefined ? undefined : out;
}

export function readLogging(env: Env): LoggingConfig {
  const file = raw(env, 'MERIDIAN_LOG_FILE');
  const defaultExporters: LogExporterName[] = file === undefined ? ['console'] : ['file'];
  let exporters = readList(env, 'MERIDIAN_LOG_EXPORTERS', LOG_EXPORTERS, defaultExporters);
  if (exporters.includes('file') && file === undefined) {
    diagnose(
      ERR_CONFIG_INVALID,
      'MERIDIAN_LOG_EXPORTERS includes "file" but MERIDIAN_LOG_FILE is not set; accepted: a file path in MERIDIAN_LOG_FILE; not writing to a file',
    );
    exporters = exporters.filter((e) => e !== 'file');
    if (exporters.length === 0) exporters = ['console'];
  }

  let fileRotate: FileRotation = { interval: 'daily', maxBytes: undefined };
  const rotateRaw = raw(env, 'MERIDIAN_LOG_FILE_ROTATE');
  if (rotateRaw !== undefined) {
    const parsed = parseRotation(rotateRaw);
    if (parsed === undefined) {
      diagnose(ERR_CONFIG_INVALID, `MERIDIAN_LOG_FILE_ROTATE=${showValue(rotateRaw)} is not valid; accepted: ${ROTATE_ACCEPTED}; using the default (daily)`);
    } else {
      fileRotate = parsed;
    }
  }

  return {
    level: readEnum(env, 'MERIDIAN_LOG_LEVEL', LOG_LEVELS, 'info'),
    format: readEnum(env, 'MERIDIAN_LOG_FORMAT', LOG_FORMATS, 'json'),
    exporters,
    file,
    fileRotate,
    fileKeep: readInt(env, 'MERIDIAN_LOG_FILE_KEEP', 7, 1, 10_000),
    fileCompress: readBool(env, 'MERIDIAN_LOG_FILE_COMPRESS', true),
    maxStringLength: readInt(env, 'MERIDIAN_LOG_MAX_STRING_LENGTH', 32_768, 64, 16 * 1024 * 1024),
    maxDepth: readInt(env, 'MERIDIAN_LOG_MAX_DEPTH', 10, 1, 100),
  };
}
