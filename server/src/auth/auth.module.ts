import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Settings } from '../config/settings';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CitizenSessions } from './citizen-sessions';
import { BackofficeOrganSeeder } from './backoffice-organ.seeder';
import { DeviceTokens } from './device-tokens';
import { LoginAttempts } from './login-attempts';
import { RouteAccessAudit } from './route-access-audit';
import { SignIn } from './sign-in';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersSeeder } from './users.seeder';
import { UserChanges } from './user-changes';
import { UsersService } from './users.service';

@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      useFactory: (config: ConfigService<Settings, true>) => ({
        // A KeyObject once, not the string: jsonwebtoken otherwise tries to parse it as a public key on every verify.
        secret: createSecretKey(Buffer.from(config.get('jwtSecret', { infer: true }))),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
      inject: [ConfigService],
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    CitizenSessions,
    LoginAttempts,
    DeviceTokens,
    SignIn,
    UsersService,
    UserChanges,
    UsersSeeder,
    BackofficeOrganSeeder,
    RouteAccessAudit,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, CitizenSessions, LoginAttempts, UserChanges],
})
export class AuthModule {}
