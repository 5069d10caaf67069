import { Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AuthModule } from '../auth/auth.module';
import { CustomerAccessModule } from '../customer-access/customer-access.module';
import { CustomersModule } from '../customers/customers.module';
import { RequestsModule } from '../requests/requests.module';
import { PortalAuthController } from './portal-auth.controller';
import { PortalAuthService } from './portal-auth.service';
import { PortalDataController } from './portal-data.controller';
import { PortalPasswordResets } from './portal-password-resets';
import { PortalProtocolsController } from './portal-protocols.controller';
import { PortalProtocolsService } from './portal-protocols';

/** Autoatendimento: the citizens' self-service portal. */
@Module({
  imports: [AuthModule, AttendancesModule, RequestsModule, CustomersModule, CustomerAccessModule],
  controllers: [PortalAuthController, PortalProtocolsController, PortalDataController],
  providers: [PortalAuthService, PortalPasswordResets, PortalProtocolsService],
})
export class PortalModule {}
