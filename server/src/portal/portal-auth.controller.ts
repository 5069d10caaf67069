import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  type PortalChangePassword,
  type PortalCitizen,
  type PortalLoginRequest,
  type PortalSession,
  portalChangePasswordSchema,
  portalCitizenSchema,
  portalLoginRequestSchema,
  portalSessionSchema,
} from '@receptivo/shared';
import { Citizen, CurrentCitizen, Public } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { Returns, ValidBody } from '../common/zod-validation';
import { PortalAuthService } from './portal-auth.service';

/** The self-service portal's sessions: citizens only, apart from the staff's (docs/http-api.md). */
@ApiTags('portal')
@Controller('portal/auth')
export class PortalAuthController {
  constructor(private readonly auth: PortalAuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Returns(portalSessionSchema)
  login(@ValidBody(portalLoginRequestSchema) body: PortalLoginRequest, @Req() request: Request): Promise<PortalSession> {
    // request.ip: the socket's peer, or X-Forwarded-For's client when the peer is in TRUSTED_PROXIES.
    return this.auth.signIn(body, request.ip ?? request.socket.remoteAddress ?? '');
  }

  @Get('me')
  @Citizen({ whilePasswordTemporary: true })
  @Returns(portalCitizenSchema)
  me(@CurrentCitizen() citizen: AuthenticatedCitizen): PortalCitizen {
    return { name: citizen.name, login: citizen.login, mustChangePassword: citizen.mustChangePassword };
  }

  @Post('change-password')
  @Citizen({ whilePasswordTemporary: true })
  @HttpCode(200)
  @Returns(portalSessionSchema)
  changePassword(@CurrentCitizen() citizen: AuthenticatedCitizen, @ValidBody(portalChangePasswordSchema) body: PortalChangePassword): Promise<PortalSession> {
    return this.auth.changePassword(citizen, body);
  }
}
