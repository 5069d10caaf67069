import { Global, Module } from '@nestjs/common';
import { MailQueue } from './mail-queue';

@Global()
@Module({ providers: [MailQueue], exports: [MailQueue] })
export class MailModule {}
