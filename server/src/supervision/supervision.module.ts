import { Module } from '@nestjs/common';
import { SupervisionGateway } from './supervision.gateway';
import { SupervisionMetrics } from './supervision-metrics';
import { SupervisionService } from './supervision.service';

/** Live queues and agents for supervisors, over the /cti namespace (CtiModule is global), and as metrics. */
@Module({ providers: [SupervisionService, SupervisionGateway, SupervisionMetrics] })
export class SupervisionModule {}
