import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
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
import { LoginThrottlerGuard } from './login-throttler.guard';

/** Ten tries per five minutes for one username from one address, then five minutes' wait. */
export const LOGIN_ATTEMPTS = { limit: 10, ttl: 5 * 60_000, blockDuration: 5 * 60_000 };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: LOGIN_ATTEMPTS })
  @Returns(loginResponseSchema)
  login(@ValidBody(loginRequestSchema) body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
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
