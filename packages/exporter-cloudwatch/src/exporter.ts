import { hostname } from 'node:os';
import { CloudWatchLogsClient, PutLogEventsCommand, type RejectedLogEventsInfo } from '@aws-sdk/client-cloudwatch-logs';
import { checkEndpointSecurity, checkRegion, getConfig, MeridianError } from '@meridian/config';
import type { ExportRequest, ExportResult, Exporter, Level, LogEntry, RecordFailure } from '@meridian/transport';
import { classify, describe, Failure } from './internal/classify.js';
import { LOG_GROUP_NAME, MAX_BATCH_EVENTS, RETENTION_DAYS, TRANSPORT_MAX_BATCH_BYTES } from './internal/limits.js';
import { planPuts, type Put } from './internal/plan.js';
import { Provisioner, type Target } from './internal/provision.js';
import { renderStreamName } from './internal/stream-name.js';
import type { CloudWatchExporterOptions, CloudWatchRoute } from './options.js';

export const ERR_CLOUDWATCH_CONFIG = 'MERIDIAN_ERR_CLOUDWATCH_CONFIG';

/** What the exporter counted (the transport counts delivered/dropped records). */
export interface CloudWatchExporterStats {
  /** Records longer than one event allows, sent truncated. */
  truncated: number;
  /** Events the service refused as older than 14 days / the retention period (dropped). */
  tooOld: number;
  /** Events the service refused as more than 2 hours in the future (dropped). */
  tooNew: number;
  /** Events the service reported as expired (dropped). */
  expired: number;
  /** PutLogEvents calls made (resends after creating a group/stream included). */
  puts: number;
  /** Log groups this exporter created (then set their retention). */
  groupsCreated: number;
  /** Log streams this exporter created. */
  streamsCreated: number;
}

export interface CloudWatchExporter extends Exporter {
  /** The region residency was checked against (undefined until known when a client was injected). */
  readonly region: string | undefined;
  readonly logStreamName: string;
  readonly targets: readonly Target[];
  stats(): CloudWatchExporterStats;
}

const LEVELS: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const EMPTY = new Uint8Array(0);

/** Per record: 0 delivered, else how it failed. */
const OK = 0;
const enum Mark {
  Unavailable = 1,
  Retryable = 2,
  Permanent = 3,
}

function fail(message: string): MeridianError {
  return new MeridianError(ERR_CLOUDWATCH_CONFIG, message);
}

function checkGroup(name: string, where: string): void {
  if (!LOG_GROUP_NAME.test(name))
    throw fail(`${where} ${JSON.stringify(name)} is not a valid log group name; accepted: 1-512 characters of a-z A-Z 0-9 _ - / . #`);
}

function checkRetention(days: number | undefined, where: string): void {
  if (days !== undefined && !RETENTION_DAYS.includes(days))
    throw fail(`${where} ${days} is not a CloudWatch retention; accepted: ${RETENTION_DAYS.join(', ')}`);
}

/**
 * An `Exporter` writing to CloudWatch Logs with PutLogEvents. Throws a `MeridianError` when the
 * configuration is unusable: no log group, a region outside MERIDIAN_ALLOWED_REGIONS, a plain-text
 * non-loopback endpoint, an invalid retention or group name.
 */
export function createCloudWatchExporter(options: CloudWatchExporterOptions = {}): CloudWatchExporter {
  const cfg = options.config ?? getConfig();
  const cw = cfg.cloudwatch;
  const logGroup = options.logGroup ?? cw.logGroup;
  if (logGroup === undefined)
    throw fail('no log group: set MERIDIAN_CLOUDWATCH_LOG_GROUP or the logGroup option; accepted: 1-512 characters of a-z A-Z 0-9 _ - / . #');
  checkGroup(logGroup, 'logGroup');
  const retentionDays = options.retentionDays ?? cw.retentionDays;
  checkRetention(retentionDays, 'retentionDays');
  const routes: readonly CloudWatchRoute[] = options.routes ?? cw.routes;
  for (const r of routes) {
    checkGroup(r.logGroup, 'route logGroup');
    checkRetention(r.retentionDays, `route ${r.logGroup} retentionDays`);
  }

  // residency and TLS, before any client exists
  const region = options.region ?? (options.client === undefined ? cw.region : undefined);
  const endpoint = options.endpoint ?? (options.client === undefined ? cw.endpoint : undefined);
  if (endpoint !== undefined) {
    const e = checkEndpointSecurity('cloudwatch', endpoint, cfg.exportGuards);
    if (e !== undefined) throw e;
  }
  if (options.client === undefined || region !== undefined) {
    const e = checkRegion('cloudwatch', region, cfg.exportGuards);
    if (e !== undefined) throw e;
  }
  // The transport retries (with backoff, Retry-After and the unavailable gate); the SDK must not
  // retry as well, or one transport attempt would become up to three calls.
  const client = options.client ?? new CloudWatchLogsClient({ region, endpoint, credentials: options.credentials, maxAttempts: 1 });

  const attrs = cfg.service.resourceAttributes;
  const instance = options.instanceId ?? attrs['service.instance.id'] ?? attrs['host.id'] ?? attrs['host.name'] ?? hostname();
  const logStream = renderStreamName(options.logStream ?? cw.logStream, {
    service: cfg.service.name,
    region: region ?? 'unknown-region',
    instance,
    pid: String(process.pid),
  });

  const targets: Target[] = [{ logGroup, logStream, retentionDays }];
  const levelTarget: Record<Level, number> = { trace: 0, debug: 0, info: 0, warn: 0, error: 0, fatal: 0 };
  for (const r of routes) {
    const t = targets.push({ logGroup: r.logGroup, logStream, retentionDays: r.retentionDays }) - 1;
    for (const l of r.levels) if (LEVELS.includes(l)) levelTarget[l] = t;
  }
  const targetOf = (e: LogEntry): number => levelTarget[e.level] ?? 0;
  const provisioner = new Provisioner(client, options.kmsKeyId ?? cw.kmsKeyId);
  const maxPuts = Math.max(1, options.maxConcurrentPuts ?? 4);
  const counters: CloudWatchExporterStats = { truncated: 0, tooOld: 0, tooNew: 0, expired: 0, puts: 0, groupsCreated: 0, streamsCreated: 0 };

  // An injected client's region is only known asynchronously (and may differ from a `region`
  // option): check the region it will really use before the first put.
  let regionKnown = region;
  let residency: Promise<string | undefined> | undefined = options.client === undefined ? Promise.resolve(undefined) : undefined;
  const residencyError = (): Promise<string | undefined> => {
    residency ??= (async () => {
      try {
        regionKnown = await client.config.region();
      } catch {
        regionKnown = undefined;
      }
      return checkRegion('cloudwatch', regionKnown, cfg.exportGuards)?.message;
    })();
    return residency;
  };

  async function putOnce(put: Put, signal: AbortSignal): Promise<RejectedLogEventsInfo | undefined> {
    const t = targets[put.target]!;
    counters.puts++;
    const out = await client.send(new PutLogEventsCommand({ logGroupName: t.logGroup, logStreamName: t.logStream, logEvents: put.events }), {
      abortSignal: signal,
    });
    return out.rejectedLogEventsInfo;
  }

  /** One put (creating the group/stream on ResourceNotFound), its outcome written into `marks`; returns the failure mark, if it failed whole. */
  async function deliver(put: Put, signal: AbortSignal, marks: Uint8Array, errors: string[]): Promise<Mark | undefined> {
    let rejected: RejectedLogEventsInfo | undefined;
    try {
      try {
        rejected = await putOnce(put, signal);
      } catch (err) {
        if (classify(err) !== Failure.NotFound) throw err;
        await provisioner.ensure(targets[put.target]!, signal);
        rejected = await putOnce(put, signal);
      }
    } catch (err) {
      const f = classify(err);
      const m = f === Failure.Permanent ? Mark.Permanent : f === Failure.Retryable ? Mark.Retryable : Mark.Unavailable;
      for (const i of put.indexes) marks[i] = m;
      errors.push(`${targets[put.target]!.logGroup}: ${describe(err)}`);
      return m;
    }
    if (rejected === undefined) return undefined;
    const n = put.indexes.length;
    const oldEnd = Math.min(n, Math.max(rejected.tooOldLogEventEndIndex ?? 0, rejected.expiredLogEventEndIndex ?? 0));
    const newStart = Math.max(oldEnd, Math.min(n, rejected.tooNewLogEventStartIndex ?? n));
    counters.tooOld += Math.min(n, rejected.tooOldLogEventEndIndex ?? 0);
    counters.expired += Math.max(0, Math.min(n, rejected.expiredLogEventEndIndex ?? 0) - Math.min(n, rejected.tooOldLogEventEndIndex ?? 0));
    counters.tooNew += n - newStart;
    for (let k = 0; k < oldEnd; k++) marks[put.indexes[k]!] = Mark.Permanent;
    for (let k = newStart; k < n; k++) marks[put.indexes[k]!] = Mark.Permanent;
    if (oldEnd > 0 || newStart < n)
      errors.push(
        `${targets[put.target]!.logGroup}: ${oldEnd + n - newStart} events outside the accepted time range (older than 14 days or the retention, or over 2 h in the future)`,
      );
    return undefined;
  }

  async function send(req: ExportRequest): Promise<ExportResult> {
    const refused = await residencyError();
    if (refused !== undefined) return { outcome: 'permanent', error: refused };
    const records = req.records;
    const plan = planPuts(records, targetOf, targets.length);
    counters.truncated += plan.truncated;
    const marks = new Uint8Array(records.length);
    const errors: string[] = [];
    let stalled = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.puts.length) {
        const put = plan.puts[next++]!;
        // once the service throttles or is unavailable, the rest of this batch waits for the
        // transport's backoff instead of hammering it (those records are not charged an attempt
        // when nothing of the batch got through)
        if (stalled) for (const i of put.indexes) marks[i] = Mark.Unavailable;
        else if ((await deliver(put, req.signal, marks, errors)) === Mark.Unavailable) stalled = true;
      }
    };
    const workers: Promise<void>[] = [];
    for (let w = 0; w < Math.min(maxPuts, plan.puts.length); w++) workers.push(worker());
    await Promise.all(workers);
    return summarize(marks, errors);
  }

  return {
    name: 'cloudwatch',
    network: true,
    compressible: false,
    maxBatchRecords: MAX_BATCH_EVENTS,
    maxBatchBytes: TRANSPORT_MAX_BATCH_BYTES,
    // The SDK builds the JSON request itself from `request.records`; the transport's body is unused.
    encode: () => EMPTY,
    send,
    async shutdown() {
      if (options.client === undefined) client.destroy();
    },
    get region() {
      return regionKnown;
    },
    logStreamName: logStream,
    targets,
    stats: () => ({ ...counters, groupsCreated: provisioner.groupsCreated, streamsCreated: provisioner.streamsCreated }),
  };
}

/** Per-record marks → one transport outcome. */
function summarize(marks: Uint8Array, errors: string[]): ExportResult {
  let ok = 0;
  let unavailable = 0;
  let permanent = 0;
  for (const m of marks) {
    if (m === OK) ok++;
    else if (m === Mark.Unavailable) unavailable++;
    else if (m === Mark.Permanent) permanent++;
  }
  const n = marks.length;
  if (ok === n) return { outcome: 'ok' };
  const error = errors.slice(0, 3).join('; ');
  if (ok === 0 && permanent === 0) return { outcome: 'retryable', unavailable: unavailable === n, error };
  if (ok === 0 && permanent === n) return { outcome: 'permanent', error };
  const failed: RecordFailure[] = [];
  let retryable = 0;
  for (let i = 0; i < n; i++) {
    if (marks[i] === OK) continue;
    const r = marks[i] !== Mark.Permanent;
    if (r) retryable++;
    failed.push({ index: i, retryable: r });
  }
  // Records held back only by throttling (or no answer) use up no attempt (transport rule).
  return { outcome: 'partial', failed, unavailable: retryable > 0 && unavailable === retryable, error };
}
