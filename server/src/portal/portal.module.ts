import { Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AuthModule } from '../auth/auth.module';
import { CustomerAccessModule } from '../customer-access/customer-access.module';
import { CustomersModule } from '../customers/customers.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { RequestsModule } from '../requests/requests.module';
import { PortalAuthController } from './portal-auth.controller';
import { PortalAuthService } from './portal-auth.service';
import { PortalCatalogService } from './portal-catalog';
import { PortalDataController } from './portal-data.controller';
import { PortalKnowledgeController } from './portal-knowledge.controller';
import { PortalPasswordResets } from './portal-password-resets';
import { PortalProtocolsController } from './portal-protocols.controller';
import { PortalProtocolsService } from './portal-protocols';
import { PortalRequestsController } from './portal-requests.controller';

/** Autoatendimento: the citizens' self-service portal. */
@Module({
  imports: [AuthModule, AttendancesModule, RequestsModule, CustomersModule, CustomerAccessModule, KnowledgeModule],
  controllers: [PortalAuthController, PortalProtocolsController, PortalRequestsController, PortalDataController, PortalKnowledgeController],
  providers: [PortalAuthService, PortalPasswordResets, PortalProtocolsService, PortalCatalogService],
})
export class PortalModule {}
