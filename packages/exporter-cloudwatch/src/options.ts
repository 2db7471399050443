import type { CloudWatchLogsClient, CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import type { MeridianConfig } from '@meridian/config';
import type { Level } from '@meridian/transport';

/** Records of `levels` go to `logGroup` (created with `retentionDays` when this exporter creates it). */
export interface CloudWatchRoute {
  levels: readonly Level[];
  logGroup: string;
  retentionDays?: number | undefined;
}

/** Options in code win over the environment (`MERIDIAN_CLOUDWATCH_*`, `AWS_*`). */
export interface CloudWatchExporterOptions {
  /** Default log group; env `MERIDIAN_CLOUDWATCH_LOG_GROUP`. Required (here or in the env). */
  logGroup?: string;
  /** Stream name template; env `MERIDIAN_CLOUDWATCH_LOG_STREAM`; default `{service}-{region}-{instance}`. */
  logStream?: string;
  /** AWS region; default: the SDK's (AWS_REGION, AWS_DEFAULT_REGION, shared config). */
  region?: string;
  /** Endpoint override; default AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL (checked for TLS). */
  endpoint?: string;
  /** Credentials or a provider; default: the SDK's standard credential chain. */
  credentials?: CloudWatchLogsClientConfig['credentials'];
  /** Level routes; env `MERIDIAN_CLOUDWATCH_ROUTES`. Unmatched levels go to `logGroup`. */
  routes?: readonly CloudWatchRoute[];
  /** Retention of the default group when it is created; env `MERIDIAN_CLOUDWATCH_RETENTION_DAYS`. */
  retentionDays?: number;
  /** KMS key ARN for groups this exporter creates; env `MERIDIAN_CLOUDWATCH_KMS_KEY_ID`. */
  kmsKeyId?: string;
  /** Use this client instead of creating one (its own retry settings then apply: set maxAttempts: 1). */
  client?: CloudWatchLogsClient;
  /** `{instance}` in the stream template; default: resource `service.instance.id`, `host.id`, `host.name`, else the hostname. */
  instanceId?: string;
  /** PutLogEvents calls one send may run at once (a batch split by route, size or time); default 4. */
  maxConcurrentPuts?: number;
  /** Parsed configuration; default `getConfig()` (tests pass `loadConfig(env)`). */
  config?: Pick<MeridianConfig, 'cloudwatch' | 'exportGuards' | 'service'>;
}
