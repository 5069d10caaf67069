import { Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics';
import { DatabaseStatus } from './database-status';

/**
 * Global: any feature that must ride out a database outage injects DatabaseStatus. The database's
 * metrics live here too, since the connection's own options report failed statements to them.
 */
@Global()
@Module({ providers: [DatabaseStatus, DatabaseMetrics], exports: [DatabaseStatus, DatabaseMetrics] })
export class DatabaseStatusModule {}
