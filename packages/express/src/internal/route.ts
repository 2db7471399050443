import type { IncomingMessage } from 'node:http';

interface ExpressRequestShape {
  route?: { path?: unknown } | undefined;
  baseUrl?: string;
}

function routePath(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.map(routePath).join(',');
  return String(path);
}

/**
 * The route template of a finished Express request: `req.baseUrl` (where the router that matched is
 * mounted) + `req.route.path` (the pattern of the matched route), read when the response finishes —
 * Express leaves both set while a route handler answers. Undefined when no route matched (404s,
 * responses written by plain middleware). Note: `baseUrl` is the matched path of the mount point, so a
 * router mounted on a pattern with parameters contributes its concrete path.
 */
export function expressRoute(req: IncomingMessage): string | undefined {
  const r = req as IncomingMessage & ExpressRequestShape;
  const route = r.route;
  if (route === undefined || route === null || route.path === undefined) return undefined;
  const path = routePath(route.path);
  const base = typeof r.baseUrl === 'string' ? r.baseUrl : '';
  if (base === '') return path;
  return path === '/' ? base : base + path;
}
