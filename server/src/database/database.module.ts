import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Settings } from '../config/settings';
import { databaseOptions } from './database-options';
import { SeedRunner } from './seeding/seed-runner';

@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forRootAsync({
      useFactory: (config: ConfigService<Settings, true>) => databaseOptions(config.get('databaseUrl', { infer: true })),
      inject: [ConfigService],
    }),
  ],
  providers: [SeedRunner],
  exports: [SeedRunner],
})
export class DatabaseModule {}
