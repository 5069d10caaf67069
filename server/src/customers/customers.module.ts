import { Module } from '@nestjs/common';
import { CustomerSearchService } from './customer-search';
import { CustomersController } from './customers.controller';
import { CustomersSeeder } from './customers.seeder';
import { CustomersService } from './customers.service';
import { PortalAccountsService } from './portal-accounts.service';

@Module({
  controllers: [CustomersController],
  providers: [CustomersService, CustomerSearchService, PortalAccountsService, CustomersSeeder],
  exports: [CustomersService, CustomerSearchService],
})
export class CustomersModule {}
