import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  type ChangePassword,
  type LoginRequest,
  type LoginResponse,
  type SessionUser,
  changePasswordSchema,
  loginRequestSchema,
  loginResponseSchema,
  sessionUserSchema,
} from '@receptivo/shared';
import { Returns, ValidBody } from '../common/zod-validation';
import { AnyRole, CurrentUser, Public } from './access.decorators';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { DeviceTokens } from './device-tokens';
import { LOGIN_POLICY } from './login-policy';
import { SignIn } from './sign-in';
import { clientAddress } from '../common/client-address';

/** One cookie's value from the Cookie header; parsing every cookie (cookie-parser) would be a dependency for one value. */
function cookie(request: Request, name: string): string | undefined {
  for (const pair of request.headers.cookie?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: SignIn,
    private readonly devices: DeviceTokens,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @Returns(loginResponseSchema)
  async login(
    @ValidBody(loginRequestSchema) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const cookieName = this.devices.cookieName(body.username);
    const { session, deviceToken } = await this.signIn.signIn(body, clientAddress(request), cookie(request, cookieName));
    // HttpOnly and only sent to the login: page scripts never see it. The browser and the desktop app keep it alike.
    response.cookie(cookieName, deviceToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/api/auth/login',
      maxAge: LOGIN_POLICY.deviceTokenDays * 24 * 3600 * 1000,
    });
    return session;
  }

  @Get('me')
  @AnyRole()
  @Returns(sessionUserSchema)
  me(@CurrentUser() user: AuthenticatedUser): SessionUser {
    return { id: user.id, name: user.name, role: user.role, extension: user.extension, organ: user.organ };
  }

  @Post('change-password')
  @AnyRole()
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthenticatedUser, @ValidBody(changePasswordSchema) body: ChangePassword): Promise<void> {
    return this.auth.changePassword(user.id, body);
  }
}
