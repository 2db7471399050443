/**
 * The ECS fields a Meridian record may carry under their own (dotted) names, with the type ECS
 * gives them. A value of the wrong type goes to `labels` instead: a string in a `long` field would
 * make Elasticsearch reject the whole document (mapper_parsing_exception), losing the record.
 * Types from the ECS field reference (elastic.co/guide/en/ecs/current): keyword → string,
 * long → safe integer, ip → IPv4/IPv6 text.
 */
import { isIP } from 'node:net';

export type EcsType = 'keyword' | 'long' | 'ip';

export interface EcsField {
  readonly path: readonly string[];
  readonly type: EcsType;
}

function f(name: string, type: EcsType): [string, EcsField] {
  return [name, { path: name.split('.'), type }];
}

/** Dotted ECS names accepted as they are (the caller already speaks ECS). */
export const ECS_PASSTHROUGH: ReadonlyMap<string, EcsField> = new Map([
  f('http.request.method', 'keyword'),
  f('http.request.id', 'keyword'),
  f('http.request.body.bytes', 'long'),
  f('http.request.referrer', 'keyword'),
  f('http.response.status_code', 'long'),
  f('http.response.body.bytes', 'long'),
  f('http.version', 'keyword'),
  f('url.full', 'keyword'),
  f('url.path', 'keyword'),
  f('url.query', 'keyword'),
  f('url.domain', 'keyword'),
  f('url.scheme', 'keyword'),
  f('url.port', 'long'),
  f('client.ip', 'ip'),
  f('client.address', 'keyword'),
  f('server.address', 'keyword'),
  f('user.id', 'keyword'),
  f('user.name', 'keyword'),
  f('user_agent.original', 'keyword'),
  f('event.action', 'keyword'),
  f('event.outcome', 'keyword'),
  f('event.duration', 'long'),
  f('host.name', 'keyword'),
  f('cloud.region', 'keyword'),
  f('transaction.id', 'keyword'),
  f('log.logger', 'keyword'),
]);

/** Is `v` acceptable for an ECS field of type `t`? */
export function fitsType(v: unknown, t: EcsType): boolean {
  if (t === 'keyword') return typeof v === 'string';
  if (t === 'long') return typeof v === 'number' && Number.isSafeInteger(v);
  return typeof v === 'string' && isIP(v) !== 0;
}

/** Set `doc.a.b.c = v`, creating the intermediate objects. */
export function put(doc: Record<string, unknown>, path: readonly string[], v: unknown): void {
  let o = doc;
  const last = path.length - 1;
  for (let i = 0; i < last; i++) {
    const k = path[i]!;
    let next = o[k];
    if (typeof next !== 'object' || next === null) {
      next = {};
      o[k] = next;
    }
    o = next as Record<string, unknown>;
  }
  o[path[last]!] = v;
}
