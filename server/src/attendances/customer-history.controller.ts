import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type CustomerHistory, customerHistorySchema } from '@receptivo/shared';
import { Roles } from '../auth/access.decorators';
import { notFound } from '../common/api-exception';
import { Returns } from '../common/zod-validation';
import { AuditedCustomerRead } from '../customer-access/audited-customer-read';
import { AttendanceSearch } from './attendance-search';

/** A customer's attendances and requests: built from attendances, shown on the customer. */
@ApiTags('customers')
@Controller('customers')
@Roles('attendant', 'supervisor', 'admin')
export class CustomerHistoryController {
  constructor(private readonly searches: AttendanceSearch) {}

  @Get(':id/history')
  @AuditedCustomerRead()
  @Returns(customerHistorySchema)
  history(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('Cliente') })) id: string): Promise<CustomerHistory> {
    return this.searches.history(id);
  }
}
