import { Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AuthModule } from '../auth/auth.module';
import { RequestsModule } from '../requests/requests.module';
import { PortalAuthController } from './portal-auth.controller';
import { PortalAuthService } from './portal-auth.service';
import { PortalProtocolsController } from './portal-protocols.controller';
import { PortalProtocolsService } from './portal-protocols';

/** Autoatendimento: the citizens' self-service portal. */
@Module({
  imports: [AuthModule, AttendancesModule, RequestsModule],
  controllers: [PortalAuthController, PortalProtocolsController],
  providers: [PortalAuthService, PortalProtocolsService],
})
export class PortalModule {}
