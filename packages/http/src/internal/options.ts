import type { IncomingMessage } from 'node:http';
import { getConfig, type MeridianConfig } from '@meridian/config';
import type { Logger } from '@meridian/logger';

/** Options of the shared server instrumentation; anything omitted comes from `config` (default `getConfig()`). */
export interface HttpServerOptions {
  /** Resolved configuration the defaults come from; default `getConfig()` (the environment, parsed once). Tests pass `loadConfig(env)`. */
  config?: MeridianConfig;
  /** Paths with no span and no access-log line (`*` suffix = prefix). Env: MERIDIAN_HTTP_IGNORE_PATHS. */
  ignorePaths?: readonly string[];
  /** Add `server-timing: trace;desc=…` to responses. Env: MERIDIAN_HTTP_SERVER_TIMING (default true). */
  serverTiming?: boolean;
  /** One access-log line per request. Env: MERIDIAN_HTTP_ACCESS_LOG (default true). */
  accessLog?: boolean;
  /** Header carrying the request id (lower-case). Env: MERIDIAN_HTTP_REQUEST_ID_HEADER (default x-request-id). */
  requestIdHeader?: string;
  /** Send the request id back in the response under `requestIdHeader` (default true). */
  echoRequestId?: boolean;
  /** Logger for `req.log` and the access log (default: `getDefaultLogger()` at each request). */
  logger?: Logger;
  /** Instrumentation scope name of the server spans (default `@meridian/http`). */
  tracerName?: string;
  /** Reads the route template at the end of a request (adapters pass theirs). */
  routeOf?: (req: IncomingMessage) => string | undefined;
  /** Serve the self-metrics at `GET /metrics` (Prometheus text). Env: MERIDIAN_METRICS (default off). */
  metrics?: boolean;
}

export interface ResolvedServerOptions {
  ignorePaths: readonly string[];
  serverTiming: boolean;
  accessLog: boolean;
  requestIdHeader: string;
  echoRequestId: boolean;
  logger: Logger | undefined;
  tracerName: string;
  routeOf: ((req: IncomingMessage) => string | undefined) | undefined;
}

/** Code options win over the environment (through @meridian/config), which wins over defaults. */
export function resolveServerOptions(options: HttpServerOptions = {}): ResolvedServerOptions {
  const config = options.config ?? getConfig();
  const env = config.http;
  return {
    ignorePaths: options.ignorePaths ?? env.ignorePaths,
    serverTiming: options.serverTiming ?? env.serverTiming,
    accessLog: options.accessLog ?? env.accessLog,
    requestIdHeader: (options.requestIdHeader ?? env.requestIdHeader).toLowerCase(),
    echoRequestId: options.echoRequestId ?? true,
    logger: options.logger,
    tracerName: options.tracerName ?? '@meridian/http',
    routeOf: options.routeOf,
  };
}
