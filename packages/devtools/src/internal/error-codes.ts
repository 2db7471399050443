/**
 * Every MERIDIAN_ERR_DEVTOOLS_* code this package emits, with what it means. The README lists
 * them too; test/error-codes.test.ts keeps the two in sync.
 */
export const ERROR_CODES = {
  MERIDIAN_ERR_DEVTOOLS_BAD_BODY: '400: the body could not be decoded as the path and content-type say',
  MERIDIAN_ERR_DEVTOOLS_TOO_LARGE: '413: the body (compressed, or once inflated) is over maxBodyBytes',
  MERIDIAN_ERR_DEVTOOLS_MEDIA_TYPE: '415: content-type or content-encoding not accepted on this path',
  MERIDIAN_ERR_DEVTOOLS_NOT_FOUND: '404: not one of /v1/traces, /v1/logs, /v1/ndjson',
  MERIDIAN_ERR_DEVTOOLS_METHOD: '405: only POST (and OPTIONS for CORS) is accepted',
  MERIDIAN_ERR_DEVTOOLS_INTERNAL: '500: a bug in @meridian/devtools; the receiver keeps serving',
  MERIDIAN_ERR_DEVTOOLS_TIMEOUT: 'waitFor(): the condition was not met within timeoutMs',
  MERIDIAN_ERR_DEVTOOLS_CLOSED: 'waitFor(): the collector was closed while waiting',
  MERIDIAN_ERR_DEVTOOLS_ARGS: 'CLI: a flag or its value is not valid (exit code 2)',
  MERIDIAN_ERR_DEVTOOLS_LISTEN: 'CLI: the port could not be bound (exit code 1)',
  MERIDIAN_ERR_DEVTOOLS_HTML: 'CLI: the --html report could not be written (exit code 1)',
} as const;

export type DevtoolsErrorCode = keyof typeof ERROR_CODES;
