import { Injectable, RequestMethod, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Role } from '@receptivo/shared';
import { ALLOWED_ROLES, CITIZEN_ROUTE, CLIENT_APP_ROUTE, PUBLIC_ROUTE } from './access.decorators';

/**
 * One controller route and who may call it: `public`, `citizen` (the portal), `client-app` (an
 * Open311 application by its api_key), its roles, or null when nobody decided.
 */
export interface RouteAccess {
  /** `Controller.method`, as the code names it. */
  handler: string;
  method: string;
  /** Express-style path below the global prefix, e.g. `/customers/:id/phones` (common/route-prefix.ts: the URL). */
  path: string;
  access: 'public' | 'citizen' | 'client-app' | Role[] | null;
}

function joinPaths(...parts: unknown[]): string {
  const joined = parts
    .flatMap((part) => (Array.isArray(part) ? part.slice(0, 1) : [part]))
    .map((part) => String(part ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** Every controller route with its access rule, read from the @Public and @Roles metadata. */
export function routeAccessTable(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method] as (...args: unknown[]) => unknown;
      const handlerPath: unknown = reflector.get(PATH_METADATA, handler);
      if (handlerPath === undefined) continue;
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [handler, controller]);
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, [handler, controller]);
      const citizen = reflector.getAllAndOverride<object | undefined>(CITIZEN_ROUTE, [handler, controller]);
      const clientApp = reflector.getAllAndOverride<boolean | undefined>(CLIENT_APP_ROUTE, [handler, controller]);
      routes.push({
        handler: `${controller.name}.${method}`,
        method: RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)],
        path: joinPaths(reflector.get(PATH_METADATA, controller), handlerPath),
        access: isPublic ? 'public' : citizen ? 'citizen' : clientApp ? 'client-app' : (roles ?? null),
      });
    }
  }
  return routes;
}

/** Lists every controller route that declares none of @Public, @Citizen, @ClientApp and @Roles. */
export function routesWithoutAccessRule(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): string[] {
  return routeAccessTable(discovery, scanner, reflector)
    .filter((route) => route.access === null)
    .map((route) => route.handler);
}

/** Refuses to start a server with a route nobody decided who may call. */
@Injectable()
export class RouteAccessAudit implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = routesWithoutAccessRule(this.discovery, this.scanner, this.reflector);
    if (missing.length) throw new Error(`Routes without @Public, @Citizen, @ClientApp or @Roles: ${missing.join(', ')}`);
  }
}
