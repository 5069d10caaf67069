import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AttendancesModule } from './attendances/attendances.module';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ClockModule } from './common/clock';
import { loggerParams } from './common/request-logging';
import { StorableTextPipe } from './common/storable-text';
import type { Settings } from './config/settings';
import { CtiModule } from './cti/cti.module';
import { CustomersModule } from './customers/customers.module';
import { CustomerAccessModule } from './customer-access/customer-access.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { Open311Module } from './open311/open311.module';
import { PortalModule } from './portal/portal.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }),
        LoggerModule.forRoot(loggerParams(settings.LOG_LEVEL)),
        ClockModule,
        MetricsModule,
        DatabaseModule,
        ClusterModule,
        CtiModule,
        MailModule,
        AuthModule,
        HealthModule,
        IdempotencyModule,
        CustomersModule,
        CustomerAccessModule,
        KnowledgeModule,
        AttendancesModule,
        SupervisionModule,
        ReportsModule,
        PortalModule,
        Open311Module,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: StorableTextPipe },
      ],
    };
  }
}
