import { Global, Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AuthModule } from '../auth/auth.module';
import { CustomersModule } from '../customers/customers.module';
import { AgentDirectory } from './agent-directory';
import { CallDesk } from './call-desk';
import { CtiMetrics } from './cti-metrics';
import { CtiSessions } from './cti-sessions';
import { CtiSockets } from './cti-sockets';
import { CtiStatus } from './cti-status';
import { CtiController } from './cti.controller';
import { CtiGateway } from './cti.gateway';
import { CtiService } from './cti.service';
import { LeaderLink } from './leader-link';
import { TakeoverNotice } from './takeover-notice';
import { PbxDiagnostics } from './pbx-diagnostics';
import { PbxObservations } from './pbx-observations';
import { UraRouteTable } from './ura-routes';

@Global()
@Module({
  imports: [AuthModule, AttendancesModule, CustomersModule],
  controllers: [CtiController],
  providers: [CtiStatus, CtiMetrics, CtiService, CtiSockets, CtiSessions, LeaderLink, AgentDirectory, CallDesk, CtiGateway, TakeoverNotice, PbxObservations, PbxDiagnostics, UraRouteTable],
  exports: [CtiStatus, CtiService, CtiSockets, LeaderLink, AgentDirectory, CallDesk],
})
export class CtiModule {}
