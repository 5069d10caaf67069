import { Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { AbandonedCalls } from './abandoned-calls';
import { AbandonedCallsController } from './abandoned-calls.controller';
import { CallBacks } from './call-backs';
import { SupervisionGateway } from './supervision.gateway';
import { SupervisionMetrics } from './supervision-metrics';
import { SupervisionService } from './supervision.service';

/**
 * Live queues and agents for supervisors, over the /cti namespace (CtiModule is global), and as
 * metrics; the abandoned callers to call back.
 */
@Module({
  imports: [AttendancesModule],
  controllers: [AbandonedCallsController],
  providers: [SupervisionService, SupervisionGateway, SupervisionMetrics, AbandonedCalls, CallBacks],
})
export class SupervisionModule {}
