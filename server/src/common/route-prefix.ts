/**
 * Every route of the HTTP API lives under /api, except Open311's, whose paths the standard fixes
 * (clients are configured with a base URL ending in /open311/v2).
 */
export const API_PREFIX = 'api';
export const OPEN311_ROOT = 'open311/v2';
/** The citizens' portal's pages (the renderer's portal bundle). */
export const PORTAL_PATH = '/autoatendimento';

/** For setGlobalPrefix's `exclude`: the routes served at their own path. */
export const UNPREFIXED_ROUTES = [`${OPEN311_ROOT}/{*path}`];

/** The URL a controller route is served at: `/customers/:id` → `/api/customers/:id`; Open311's as they are. */
export function servedPath(routePath: string): string {
  return routePath.startsWith(`/${OPEN311_ROOT}/`) ? routePath : `/${API_PREFIX}${routePath}`;
}
