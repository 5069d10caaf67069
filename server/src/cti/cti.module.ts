import { Global, Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AuthModule } from '../auth/auth.module';
import { CustomersModule } from '../customers/customers.module';
import { AgentDirectory } from './agent-directory';
import { CallDesk } from './call-desk';
import { CtiSockets } from './cti-sockets';
import { CtiStatus } from './cti-status';
import { CtiController } from './cti.controller';
import { CtiGateway } from './cti.gateway';
import { CtiService } from './cti.service';

@Global()
@Module({
  imports: [AuthModule, AttendancesModule, CustomersModule],
  controllers: [CtiController],
  providers: [CtiStatus, CtiService, CtiSockets, AgentDirectory, CallDesk, CtiGateway],
  exports: [CtiStatus, CtiService, CtiSockets, AgentDirectory, CallDesk],
})
export class CtiModule {}
