import { diagnose, showValue } from '../internal/diagnostics.js';
import { ERR_CONFIG_INVALID, type Env, raw, readBool } from '../internal/parsers.js';

/**
 * Retention periods CloudWatch Logs accepts (PutRetentionPolicy `retentionInDays`), from the API
 * reference: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
 * 2557, 2922, 3288, 3653.
 */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Log group names: 1-512 characters of a-z A-Z 0-9 _ - / . # (CreateLogGroup). */
const GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type RouteLevel = (typeof LEVELS)[number];

/** One level route: records of `levels` go to `logGroup` (created with `retentionDays` when missing). */
export interface CloudwatchRoute {
  levels: RouteLevel[];
  logGroup: string;
  retentionDays: number | undefined;
}

/** Settings of the cloudwatch exporter (`@meridian/exporter-cloudwatch`). */
export interface CloudwatchConfig {
  /** `MERIDIAN_CLOUDWATCH_LOG_GROUP` (required by the exporter; no default). */
  logGroup: string | undefined;
  /** `MERIDIAN_CLOUDWATCH_LOG_STREAM`: a template; `{service}`, `{region}`, `{instance}`, `{pid}`, `{date}`. */
  logStream: string;
  /** `MERIDIAN_CLOUDWATCH_RETENTION_DAYS`: applied when the exporter creates the group. */
  retentionDays: number | undefined;
  /** `MERIDIAN_CLOUDWATCH_KMS_KEY_ID`: KMS key ARN given to CreateLogGroup. */
  kmsKeyId: string | undefined;
  /** `MERIDIAN_CLOUDWATCH_ROUTES`: `levels=group[:retentionDays];...`. */
  routes: CloudwatchRoute[];
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`: read here only so residency can be checked before start. */
  region: string | undefined;
  /**
   * `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`, else `AWS_ENDPOINT_URL` (ignored when
   * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), as the AWS SDK resolves them; read here for the TLS guard.
   */
  endpoint: string | undefined;
}

export const DEFAULT_CLOUDWATCH_LOG_STREAM = '{service}-{region}-{instance}';

function readGroup(env: Env, name: string): string | undefined {
  const v = raw(env, name);
  if (v === undefined) return undefined;
  if (GROUP_NAME.test(v)) return v;
  diagnose(ERR_CONFIG_INVALID, `${name}=${showValue(v)} is not a valid log group name; accepted: 1-512 characters of a-z A-Z 0-9 _ - / . #; using no value`);
  return undefined;
}

/** Whether `days` is a retention CloudWatch accepts. */
export function isCloudwatchRetention(days: number): boolean {
  return CLOUDWATCH_RETENTION_DAYS.includes(days);
}

function retentionText(name: string, text: string, where: string): number | undefined | null {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (isCloudwatchRetention(n)) return n;
  diagnose(
    ERR_CONFIG_INVALID,
    `${name}${where}=${showValue(text)} is not a CloudWatch retention; accepted: ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (days); using no retention (never expire)`,
  );
  return null;
}

/**
 * Parse `error,fatal=/app/errors:365;debug,trace=/app/debug:3`. Log group names cannot contain ':',
 * so the part after the last ':' is the retention. A malformed route is reported and skipped; a level
 * named twice keeps its first route.
 */
export function parseCloudwatchRoutes(text: string, name = 'MERIDIAN_CLOUDWATCH_ROUTES'): CloudwatchRoute[] {
  const out: CloudwatchRoute[] = [];
  const taken = new Set<string>();
  for (const part of text.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    const skip = (why: string): void =>
      diagnose(
        ERR_CONFIG_INVALID,
        `${name} route ${showValue(p)} ${why}; accepted: levels=logGroup[:retentionDays] separated by ';' (levels: ${LEVELS.join(',')}); ignoring that route`,
      );
    if (eq <= 0) {
      skip('is not levels=logGroup');
      continue;
    }
    const levels: RouteLevel[] = [];
    let bad = '';
    for (const l of p.slice(0, eq).split(',')) {
      const w = l.trim().toLowerCase();
      const hit = LEVELS.find((x) => x === w);
      if (hit === undefined) bad = l.trim();
      else if (!taken.has(hit) && !levels.includes(hit)) levels.push(hit);
    }
    if (bad !== '') {
      skip(`names an unknown level ${showValue(bad)}`);
      continue;
    }
    let target = p.slice(eq + 1).trim();
    let retentionDays: number | undefined;
    const colon = target.lastIndexOf(':');
    if (colon >= 0) {
      const r = retentionText(name, target.slice(colon + 1).trim(), ` (route ${target.slice(0, colon)})`);
      retentionDays = r ?? undefined;
      target = target.slice(0, colon).trim();
    }
    if (!GROUP_NAME.test(target)) {
      skip('has an invalid log group name (1-512 of a-z A-Z 0-9 _ - / . #)');
      continue;
    }
    if (levels.length === 0) continue;
    for (const l of levels) taken.add(l);
    out.push({ levels, logGroup: target, retentionDays });
  }
  return out;
}

export function readCloudwatch(env: Env): CloudwatchConfig {
  const retentionRaw = raw(env, 'MERIDIAN_CLOUDWATCH_RETENTION_DAYS');
  const routesRaw = raw(env, 'MERIDIAN_CLOUDWATCH_ROUTES');
  const ignoreEndpoints = readBool(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', false);
  return {
    logGroup: readGroup(env, 'MERIDIAN_CLOUDWATCH_LOG_GROUP'),
    logStream: raw(env, 'MERIDIAN_CLOUDWATCH_LOG_STREAM') ?? DEFAULT_CLOUDWATCH_LOG_STREAM,
    retentionDays: retentionRaw === undefined ? undefined : (retentionText('MERIDIAN_CLOUDWATCH_RETENTION_DAYS', retentionRaw, '') ?? undefined),
    kmsKeyId: raw(env, 'MERIDIAN_CLOUDWATCH_KMS_KEY_ID'),
    routes: routesRaw === undefined ? [] : parseCloudwatchRoutes(routesRaw),
    region: raw(env, 'AWS_REGION') ?? raw(env, 'AWS_DEFAULT_REGION'),
    endpoint: ignoreEndpoints ? undefined : (raw(env, 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS') ?? raw(env, 'AWS_ENDPOINT_URL')),
  };
}
