import { Module } from '@nestjs/common';
import { SupervisionService } from './supervision.service';

/** Live queues and agents for supervisors, over the /cti namespace (CtiModule is global). */
@Module({ providers: [SupervisionService] })
export class SupervisionModule {}
