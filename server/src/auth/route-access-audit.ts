import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';

/** Lists every controller route that declares neither @Public nor @Roles. */
export function routesWithoutAccessRule(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): string[] {
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method] as (...args: unknown[]) => unknown;
      if (reflector.get(PATH_METADATA, handler) === undefined) continue;
      const declared =
        reflector.getAllAndOverride(PUBLIC_ROUTE, [handler, controller]) ||
        reflector.getAllAndOverride(ALLOWED_ROLES, [handler, controller]);
      if (!declared) missing.push(`${controller.name}.${method}`);
    }
  }
  return missing;
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
    if (missing.length) throw new Error(`Routes without @Public or @Roles: ${missing.join(', ')}`);
  }
}
