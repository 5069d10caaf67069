import { Global, Module } from '@nestjs/common';
import { DatabaseStatus } from './database-status';

/** Global: any feature that must ride out a database outage injects DatabaseStatus. */
@Global()
@Module({ providers: [DatabaseStatus], exports: [DatabaseStatus] })
export class DatabaseStatusModule {}
