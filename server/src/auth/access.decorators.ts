import { type CanActivate, SetMetadata, type Type, UseGuards, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { Role } from '@receptivo/shared';
import type { AuthenticatedUser } from './authenticated-user';
import type { AuthenticatedCitizen } from './citizen-sessions';

export const PUBLIC_ROUTE = 'receptivo:public';
export const CITIZEN_ROUTE = 'receptivo:citizen';
export const ALLOWED_ROLES = 'receptivo:roles';
export const CLIENT_APP_ROUTE = 'receptivo:client-app';

/** Reachable without a token (login, health). Every other route must say who may call it. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * For a citizen signed in on the self-service portal, never for staff. A citizen still on a
 * temporary password reaches only the routes that say `whilePasswordTemporary` (the session, the change).
 */
export const Citizen = ({ whilePasswordTemporary = false } = {}) =>
  applyDecorators(SetMetadata(CITIZEN_ROUTE, { whilePasswordTemporary }), ApiBearerAuth());

/**
 * For a registered client application (Open311), never for a signed-in user: the application proves
 * itself with its api_key, which `keyGuard`, the route's own guard, checks.
 */
export const ClientApp = (keyGuard: Type<CanActivate>) => applyDecorators(SetMetadata(CLIENT_APP_ROUTE, true), UseGuards(keyGuard));

export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiBearerAuth());

export const AnyRole = () => Roles('attendant', 'supervisor', 'admin', 'backoffice');

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);

export const CurrentCitizen = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedCitizen => context.switchToHttp().getRequest().citizen,
);
