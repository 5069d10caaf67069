import { Module } from '@nestjs/common';
import { SupervisionGateway } from './supervision.gateway';
import { SupervisionService } from './supervision.service';

/** Live queues and agents for supervisors, over the /cti namespace (CtiModule is global). */
@Module({ providers: [SupervisionService, SupervisionGateway] })
export class SupervisionModule {}
