import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Settings } from '../config/settings';
import { databaseOptions } from './database-options';
import { DatabaseStatus } from './database-status';
import { DatabaseStatusModule } from './database-status.module';
import { SeedRunner } from './seeding/seed-runner';

@Module({
  imports: [
    DiscoveryModule,
    DatabaseStatusModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseStatusModule],
      // A pooled connection that breaks while idle is the first sign of an outage.
      useFactory: (config: ConfigService<Settings, true>, status: DatabaseStatus) =>
        databaseOptions(config.get('databaseUrl', { infer: true }), (error) => status.reportFailure(error)),
      inject: [ConfigService, DatabaseStatus],
    }),
  ],
  providers: [SeedRunner],
  exports: [SeedRunner],
})
export class DatabaseModule {}
