import { MAX_STREAM_NAME } from './limits.js';

export interface StreamVars {
  readonly service: string;
  readonly region: string;
  readonly instance: string;
  readonly pid: string;
}

const PLACEHOLDER = /\{(service|region|instance|pid)\}/g;
/** CloudWatch refuses ':' and '*' in stream names; control characters are replaced too. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[:*\u0000-\u001f\u007f]/g;

/** Expand `{service}`, `{region}`, `{instance}`, `{pid}` and make the result a valid stream name. */
export function renderStreamName(template: string, vars: StreamVars): string {
  return sanitizeStreamName(template.replace(PLACEHOLDER, (_m, k: keyof StreamVars) => vars[k]));
}

/** Replace forbidden characters with '_', cap at 512 characters; never empty. */
export function sanitizeStreamName(name: string): string {
  let s = name.replace(FORBIDDEN, '_');
  if (s.length > MAX_STREAM_NAME) {
    s = s.slice(0, MAX_STREAM_NAME);
    const c = s.charCodeAt(s.length - 1);
    if (c >= 0xd800 && c <= 0xdbff) s = s.slice(0, -1);
  }
  return s === '' ? 'meridian' : s;
}
