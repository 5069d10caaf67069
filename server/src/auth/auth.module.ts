import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Settings } from '../config/settings';
import { AccessGuard } from './access.guard';
import { AuthController, LOGIN_ATTEMPTS } from './auth.controller';
import { AuthService } from './auth.service';
import { BackofficeOrganSeeder } from './backoffice-organ.seeder';
import { RouteAccessAudit } from './route-access-audit';
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
    ThrottlerModule.forRootAsync({
      useFactory: (config: ConfigService<Settings, true>) => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        // In a cluster the attempts are counted in Redis: spreading them over the nodes buys nothing.
        return { throttlers: [{ name: 'login', ...LOGIN_ATTEMPTS }], ...(redisUrl && { storage: new ThrottlerStorageRedisService(redisUrl) }) };
      },
      inject: [ConfigService],
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    UserChanges,
    UsersSeeder,
    BackofficeOrganSeeder,
    RouteAccessAudit,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UserChanges],
})
export class AuthModule {}
