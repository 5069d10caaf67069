import { Global, Module } from '@nestjs/common';
import { MailMetrics } from './mail-metrics';
import { MailQueue } from './mail-queue';

@Global()
@Module({ providers: [MailQueue, MailMetrics], exports: [MailQueue] })
export class MailModule {}
