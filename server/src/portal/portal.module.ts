import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PortalAuthController } from './portal-auth.controller';
import { PortalAuthService } from './portal-auth.service';

/** Autoatendimento: the citizens' self-service portal. */
@Module({
  imports: [AuthModule],
  controllers: [PortalAuthController],
  providers: [PortalAuthService],
})
export class PortalModule {}
