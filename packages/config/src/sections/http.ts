import { type Env, raw, readBool, readStrings } from '../internal/parsers.js';

/** HTTP instrumentation settings (server adapters and outbound propagation). */
export interface HttpConfig {
  /** Paths that get no span and no access-log line; an entry ending in `*` is a prefix. */
  ignorePaths: string[];
  /** Add `server-timing: trace;desc=00-<trace-id>-<span-id>-<flags>` to responses. */
  serverTiming: boolean;
  /** Write one access-log line per request. */
  accessLog: boolean;
  /** Incoming header that carries the request id (lower-case); generated when absent. */
  requestIdHeader: string;
  /** Instrument outbound `fetch` and `http`/`https` requests when registered. */
  outbound: boolean;
}

export function readHttp(env: Env): HttpConfig {
  return {
    ignorePaths: readStrings(env, 'MERIDIAN_HTTP_IGNORE_PATHS'),
    serverTiming: readBool(env, 'MERIDIAN_HTTP_SERVER_TIMING', true),
    accessLog: readBool(env, 'MERIDIAN_HTTP_ACCESS_LOG', true),
    requestIdHeader: (raw(env, 'MERIDIAN_HTTP_REQUEST_ID_HEADER') ?? 'x-request-id').toLowerCase(),
    outbound: readBool(env, 'MERIDIAN_HTTP_OUTBOUND', true),
  };
}
