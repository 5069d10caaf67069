import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  type PortalChangePassword,
  type PortalCitizen,
  type PortalForgotPassword,
  type PortalForgotPasswordAnswer,
  type PortalLoginRequest,
  type PortalResetPassword,
  type PortalSession,
  portalChangePasswordSchema,
  portalCitizenSchema,
  portalForgotPasswordAnswerSchema,
  portalForgotPasswordSchema,
  portalLoginRequestSchema,
  portalResetPasswordSchema,
  portalSessionSchema,
} from '@receptivo/shared';
import { Citizen, CurrentCitizen, Public } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { clientAddress } from '../common/client-address';
import { Returns, ValidBody } from '../common/zod-validation';
import { PortalAuthService } from './portal-auth.service';
import { PortalPasswordResets } from './portal-password-resets';

/** The self-service portal's sessions: citizens only, apart from the staff's (docs/http-api.md). */
@ApiTags('portal')
@Controller('portal/auth')
export class PortalAuthController {
  constructor(
    private readonly auth: PortalAuthService,
    private readonly resets: PortalPasswordResets,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Returns(portalSessionSchema)
  login(@ValidBody(portalLoginRequestSchema) body: PortalLoginRequest, @Req() request: Request): Promise<PortalSession> {
    return this.auth.signIn(body, clientAddress(request));
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

  /** "Esqueci minha senha": 202 with the same message whether or not the login has an account. */
  @Post('forgot-password')
  @Public()
  @HttpCode(202)
  @Returns(portalForgotPasswordAnswerSchema, 202)
  forgotPassword(@ValidBody(portalForgotPasswordSchema) body: PortalForgotPassword, @Req() request: Request): Promise<PortalForgotPasswordAnswer> {
    return this.resets.requestLink(body, clientAddress(request));
  }

  @Post('reset-password')
  @Public()
  @HttpCode(200)
  @Returns(portalSessionSchema)
  resetPassword(@ValidBody(portalResetPasswordSchema) body: PortalResetPassword): Promise<PortalSession> {
    return this.resets.resetPassword(body);
  }
}
