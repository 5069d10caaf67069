import { Global, Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { CustomersModule } from '../customers/customers.module';
import { RequestsModule } from '../requests/requests.module';
import { CustomerAccessController, CustomerDataReportController } from './customer-access.controller';
import { CustomerAccessLog } from './customer-access-log';
import { CustomerDataReports } from './customer-data-report';

/** The access audit: its log serves the interceptor of every route marked @AuditedCustomerRead, whatever its feature. */
@Global()
@Module({
  imports: [CustomersModule, AttendancesModule, RequestsModule],
  controllers: [CustomerAccessController, CustomerDataReportController],
  providers: [CustomerAccessLog, CustomerDataReports],
  exports: [CustomerAccessLog],
})
export class CustomerAccessModule {}
