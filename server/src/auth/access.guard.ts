import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@receptivo/shared';
import { ApiException, forbidden } from '../common/api-exception';
import { ALLOWED_ROLES, CITIZEN_ROUTE, CLIENT_APP_ROUTE, PUBLIC_ROUTE } from './access.decorators';
import { AuthService } from './auth.service';
import { CitizenSessions } from './citizen-sessions';

/**
 * Global guard: a route is public, for citizens on the portal, for client applications (their key is
 * checked by the route's own guard), or needs a valid staff token whose user has one of its roles.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly citizens: CitizenSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(CLIENT_APP_ROUTE, targets)) return true;
    const citizenRoute = this.reflector.getAllAndOverride<{ whilePasswordTemporary: boolean } | undefined>(CITIZEN_ROUTE, targets);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    // RouteAccessAudit refuses to start with such a route; this is the second lock.
    if (!allowed && !citizenRoute) throw forbidden();

    const request = context.switchToHttp().getRequest<Request & { user?: unknown; citizen?: unknown }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) throw new ApiException(401, 'TOKEN_MISSING', 'Entre no sistema para continuar.');
    if (citizenRoute) {
      const citizen = await this.citizens.authenticate(token);
      if (citizen.mustChangePassword && !citizenRoute.whilePasswordTemporary) {
        throw new ApiException(403, 'PASSWORD_CHANGE_REQUIRED', 'Escolha uma nova senha para continuar.');
      }
      request.citizen = citizen;
      return true;
    }
    const user = await this.auth.authenticate(token);
    request.user = user;
    if (!allowed?.includes(user.role)) throw forbidden();
    return true;
  }
}
