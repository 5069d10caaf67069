import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AttendancesModule } from '../attendances/attendances.module';
import { CustomersModule } from '../customers/customers.module';
import { RequestsModule } from '../requests/requests.module';
import { CustomerReadAudit } from './audited-customer-read';
import { CustomerAccessController, CustomerDataReportController } from './customer-access.controller';
import { CustomerAccessLog } from './customer-access-log';
import { CustomerDataReports } from './customer-data-report';

/** The access audit: its interceptor serves every route marked @AuditedCustomerRead, whatever its feature. */
@Module({
  imports: [CustomersModule, AttendancesModule, RequestsModule],
  controllers: [CustomerAccessController, CustomerDataReportController],
  providers: [CustomerAccessLog, CustomerDataReports, { provide: APP_INTERCEPTOR, useClass: CustomerReadAudit }],
  exports: [CustomerAccessLog],
})
export class CustomerAccessModule {}
