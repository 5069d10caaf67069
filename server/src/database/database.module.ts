import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Settings } from '../config/settings';
import { DatabaseMetrics } from './database-metrics';
import { databaseOptions } from './database-options';
import { DatabaseStatus } from './database-status';
import { DatabaseStatusModule } from './database-status.module';
import { migrateUnderLock } from './migrate';
import { SeedRunner } from './seeding/seed-runner';

@Module({
  imports: [
    DiscoveryModule,
    DatabaseStatusModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseStatusModule],
      // A pooled connection that breaks while idle is the first sign of an outage.
      useFactory: (config: ConfigService<Settings, true>, status: DatabaseStatus, metrics: DatabaseMetrics) =>
        databaseOptions(
          config.get('databaseUrl', { infer: true }),
          (error) => status.reportFailure(error),
          (error) => metrics.queryFailed(error),
        ),
      inject: [ConfigService, DatabaseStatus, DatabaseMetrics],
      // Migrated before anything uses it; a failed attempt closes its pool before TypeOrmModule retries.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        try {
          await migrateUnderLock(dataSource);
        } catch (error) {
          await dataSource.destroy().catch(() => undefined);
          throw error;
        }
        return dataSource;
      },
    }),
  ],
  providers: [SeedRunner],
  exports: [SeedRunner],
})
export class DatabaseModule {}
